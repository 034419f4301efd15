import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes
/// Reads an etcd cluster through etcdctl (v3 API): the member list from the pinned
/// endpoints, then each member's `endpoint status` and `endpoint health` from its own
/// client URL, all concurrently. A member that does not answer within the per-member
/// timeout is kept and marked down; only a failed member list fails the section.
public struct EtcdProbe: Sendable {
    public var runner: any CommandRunner
    public var target: EtcdTarget
    public var keys: [EtcdKeyRequest]
    /// How long (seconds) a member may stay silent before it counts as down. etcdctl's own
    /// default is 5 s per call; 2 s keeps a refresh with a dead member short.
    public var memberTimeoutSeconds: Int

    public init(runner: any CommandRunner, target: EtcdTarget, keys: [EtcdKeyRequest] = [], memberTimeoutSeconds: Int = 2) {
        self.runner = runner
        self.target = target
        self.keys = keys
        self.memberTimeoutSeconds = memberTimeoutSeconds
    }

    /// The etcd a Kubernetes cluster names (`--etcd-endpoints`), read beside it; nil where it names none.
    public static func probeIfNamed(_ etcd: EtcdTarget?, runner: any CommandRunner) async -> Loaded<EtcdState>? {
        guard let etcd else { return nil }
        return await EtcdProbe(runner: runner, target: etcd).probe()
    }

    public func probe() async -> Loaded<EtcdState> {
        async let listed = memberList()
        async let keyValues = readKeys()
        let members: EtcdDecoder.Members
        switch await listed {
        case .failure(let error):
            _ = await keyValues
            return .failed(error)
        case .success(let value):
            members = value
        }
        let probed = await withTaskGroup(of: (Int, EtcdMember).self) { group in
            for (index, member) in members.members.enumerated() {
                group.addTask { (index, await self.probeMember(member)) }
            }
            var result = members.members
            for await (index, member) in group { result[index] = member }
            return result
        }
        return .loaded(EtcdState(clusterID: members.clusterID, members: probed, keys: await keyValues))
    }

    func memberList() async -> Result<EtcdDecoder.Members, ProbeError> {
        let command = target.etcdctl(["member", "list", "-w", "json"])
        do {
            let output = try await runner.run(command)
            do {
                return .success(try EtcdDecoder.members(output.stdout))
            } catch {
                return .failure(ProbeError(.malformed, "etcd members: etcdctl returned malformed JSON (\(DecodeFailure.summary(of: error)))"))
            }
        } catch {
            return .failure(EtcdStderr.probeError(error, what: "etcd members"))
        }
    }

    /// Status and health of one member, asked at its first client URL.
    func probeMember(_ member: EtcdMember) async -> EtcdMember {
        var member = member
        guard member.isStarted else {
            member.health = .unstarted
            return member
        }
        guard let endpoint = member.clientURLs.first else {
            member.health = .down("advertises no client URL")
            return member
        }
        let limits = ["--dial-timeout=\(memberTimeoutSeconds)s", "--command-timeout=\(memberTimeoutSeconds)s"]
        // The runner's own timeout is a backstop only: etcdctl gives up first.
        let backstop = Double(memberTimeoutSeconds * 2 + 5)
        async let status = run(target.etcdctl(member: endpoint, limits + ["endpoint", "status", "-w", "json"], timeoutSeconds: backstop))
        async let health = run(target.etcdctl(member: endpoint, limits + ["endpoint", "health", "-w", "json"], timeoutSeconds: backstop))
        let statusResult = await status
        let healthResult = await health

        var statusError: String?
        switch statusResult {
        case .success(let bytes):
            if let entries = try? EtcdDecoder.statuses(bytes), let entry = entries.first {
                member.status = entry
            } else {
                statusError = "endpoint status answered with malformed JSON"
            }
        case .failure(let reason):
            statusError = reason
        }
        switch healthResult {
        case .success(let bytes):
            let entry = (try? EtcdDecoder.health(bytes))?.first
            if entry?.healthy == true {
                member.health = .healthy
            } else {
                member.health = .unhealthy(entry?.error ?? unhealthyReason(member))
            }
        case .failure(let reason):
            if member.status != nil {
                member.health = .unhealthy(unhealthyReason(member, fallback: reason))
            } else {
                member.health = .down(statusError ?? reason)
            }
        }
        return member
    }

    /// Why an answering member is unhealthy: its own status errors say it best.
    func unhealthyReason(_ member: EtcdMember, fallback: String = "health check failed") -> String {
        if let errors = member.status?.errors, !errors.isEmpty { return errors.joined(separator: "; ") }
        if member.status != nil, member.status?.leader == nil { return "no leader" }
        return fallback
    }

    /// One per-member call's outcome: its stdout, or etcdctl's reason for failing.
    enum Answer {
        case success([UInt8])
        case failure(String)
    }

    func run(_ command: Command) async -> Answer {
        do {
            return .success(try await runner.run(command).stdout)
        } catch {
            if case .nonZeroExit(_, _, let stderr) = error { return .failure(EtcdStderr.reason(stderr)) }
            return .failure(error.description)
        }
    }

    func readKeys() async -> Loaded<EtcdKeys> {
        guard !keys.isEmpty else { return .notProbed }
        let results = await withTaskGroup(of: (String, Result<EtcdKeyValue, ProbeError>).self) { group in
            for request in keys {
                group.addTask { (request.key, await self.read(request)) }
            }
            var results: [String: Result<EtcdKeyValue, ProbeError>] = [:]
            for await (key, result) in group { results[key] = result }
            return results
        }
        var entries: [String: EtcdKeyValue] = [:]
        for request in keys {
            switch results[request.key] {
            case .success(let value)?: entries[request.key] = value
            case .failure(let error)?: return .failed(error)
            case nil: continue
            }
        }
        return .loaded(EtcdKeys(entries))
    }

    func read(_ request: EtcdKeyRequest) async -> Result<EtcdKeyValue, ProbeError> {
        let what = "etcd key \(request.key)"
        do {
            let output = try await runner.run(request.command(target))
            do {
                return .success(try EtcdDecoder.key(output.stdout, valueWanted: !request.presenceOnly))
            } catch {
                return .failure(ProbeError(.malformed, "\(what): etcdctl returned malformed JSON"))
            }
        } catch {
            return .failure(EtcdStderr.probeError(error, what: what))
        }
    }
}
