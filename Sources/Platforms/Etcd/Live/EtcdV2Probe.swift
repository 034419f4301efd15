import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// Reads an etcd cluster the way Deis v1 and fleet see it: through the v2 API
/// (reference/cli-formats.md §1.6–1.7). Membership from v2 `member list`, health from v2
/// `cluster-health` (every member's `/health`, one call), keys from one `ls --recursive -p`
/// under the platform's prefix plus a `get` of each watched key that exists — secret keys are
/// only ever listed, never read. On an etcd 3.x server each member is also asked for its v3
/// `endpoint status` (raft index, database size, version); etcd 2.x has no v3, and a member that
/// does not answer it simply has none. A proxy is never a member (§1.7): it is not in the list.
public struct EtcdV2Probe: Sendable {
    public var runner: any CommandRunner
    public var target: EtcdTarget
    public var keys: [EtcdKeyRequest]
    /// The subtree listed for key presence (`/deis`).
    public var prefix: String
    /// How long (seconds) a call may take before its member counts as silent.
    public var memberTimeoutSeconds: Int

    public init(runner: any CommandRunner, target: EtcdTarget, keys: [EtcdKeyRequest] = [], prefix: String = "/", memberTimeoutSeconds: Int = 2) {
        self.runner = runner
        self.target = target
        self.keys = keys
        self.prefix = prefix
        self.memberTimeoutSeconds = memberTimeoutSeconds
    }

    var limits: [String] { ["--timeout", "\(memberTimeoutSeconds)s", "--total-timeout", "\(memberTimeoutSeconds * 2)s"] }
    var backstop: Double { Double(memberTimeoutSeconds * 3 + 5) }

    public func probe() async -> Loaded<EtcdState> {
        async let keyValues = readKeys()
        let listed: EtcdV2Decoder.Members
        switch await memberList() {
        case .failure(let error):
            _ = await keyValues
            return .failed(error)
        case .success(let value):
            listed = value
        }
        async let health = clusterHealth()
        let statuses = await withTaskGroup(of: (UInt64, EtcdEndpointStatus?).self) { group in
            for member in listed.members where member.isStarted {
                guard let endpoint = member.clientURLs.first else { continue }
                group.addTask { (member.id, await self.v3Status(endpoint)) }
            }
            var result: [UInt64: EtcdEndpointStatus] = [:]
            for await (id, status) in group { result[id] = status }
            return result
        }
        let (perMember, cluster) = await health
        let members = listed.members.map { member -> EtcdMember in
            var member = member
            member.status = statuses[member.id]
            if member.isStarted { member.health = perMember[member.id] ?? .unknown }
            return member
        }
        return .loaded(EtcdState(members: members, keys: await keyValues, api: .v2, listedLeader: listed.listedLeader, clusterHealth: cluster))
    }

    func memberList() async -> Result<EtcdV2Decoder.Members, ProbeError> {
        let what = "etcd members (v2)"
        do {
            let output = try await runner.run(target.etcdctlV2(limits + ["member", "list"], timeoutSeconds: backstop))
            do {
                return .success(try EtcdV2Decoder.members(String(decoding: output.stdout, as: UTF8.self)))
            } catch {
                return .failure(ProbeError(.malformed, "\(what): etcdctl printed a member list not in the documented format (\(error))"))
            }
        } catch {
            return .failure(EtcdV2Errors.probeError(error, what: what, endpoints: target.endpoints))
        }
    }

    /// Per-member health and the cluster's verdict; an unanswerable health call leaves every
    /// member `unknown` (the member list already answered, so the cluster is not dark).
    func clusterHealth() async -> ([UInt64: EtcdHealth], EtcdClusterHealth?) {
        // Exit 5 is etcdctl's "cluster not healthy": the lines that say which member are on stdout.
        let command = target.etcdctlV2(limits + ["cluster-health"], timeoutSeconds: backstop, acceptedExitStatuses: [5])
        guard let output = try? await runner.run(command) else { return ([:], nil) }
        let health = EtcdV2Decoder.health(String(decoding: output.stdout, as: UTF8.self))
        return (health.members, health.cluster)
    }

    /// v3 `endpoint status` of one member, where the server speaks v3 (etcd 3.x); nil otherwise.
    func v3Status(_ endpoint: String) async -> EtcdEndpointStatus? {
        let limits = ["--dial-timeout=\(memberTimeoutSeconds)s", "--command-timeout=\(memberTimeoutSeconds)s"]
        let command = target.etcdctl(member: endpoint, limits + ["endpoint", "status", "-w", "json"], timeoutSeconds: backstop)
        guard let output = try? await runner.run(command) else { return nil }
        return (try? EtcdDecoder.statuses(output.stdout))?.first
    }

    func readKeys() async -> Loaded<EtcdKeys> {
        guard !keys.isEmpty else { return .notProbed }
        let what = "etcd keys under \(prefix) (v2)"
        let present: Set<String>
        do {
            let output = try await runner.run(target.etcdctlV2(limits + ["ls", "--recursive", "-p", prefix], timeoutSeconds: backstop))
            present = EtcdV2Decoder.listing(String(decoding: output.stdout, as: UTF8.self))
        } catch {
            // No `prefix` directory at all: every key is absent (a cluster Deis never configured).
            if EtcdV2Errors.isKeyNotFound(error) { return .loaded(EtcdKeys([:], listed: [])) }
            return .failed(EtcdV2Errors.probeError(error, what: what, endpoints: target.endpoints))
        }
        var entries: [String: EtcdKeyValue] = [:]
        var toRead: [String] = []
        for request in keys {
            let matches = request.isPattern ? present.filter(request.matches).sorted() : [request.key]
            for key in matches {
                if !present.contains(key) { entries[key] = .absent }
                else if request.presenceOnly { entries[key] = .present }
                else { toRead.append(key) }
            }
        }
        let read = await withTaskGroup(of: (String, Result<EtcdKeyValue, ProbeError>).self) { group in
            for key in toRead { group.addTask { (key, await self.value(of: key)) } }
            var result: [String: Result<EtcdKeyValue, ProbeError>] = [:]
            for await (key, value) in group { result[key] = value }
            return result
        }
        for key in toRead {
            switch read[key] {
            case .success(let value)?: entries[key] = value
            case .failure(let error)?: return .failed(error)
            case nil: continue
            }
        }
        return .loaded(EtcdKeys(entries, listed: present))
    }

    func value(of key: String) async -> Result<EtcdKeyValue, ProbeError> {
        do {
            return .success(EtcdV2Decoder.value(try await runner.run(target.etcdctlV2(limits + ["get", key], timeoutSeconds: backstop)).stdout))
        } catch {
            // Deleted between the listing and the read.
            if EtcdV2Errors.isKeyNotFound(error) { return .success(.absent) }
            return .failure(EtcdV2Errors.probeError(error, what: "etcd key \(key) (v2)", endpoints: target.endpoints))
        }
    }
}
