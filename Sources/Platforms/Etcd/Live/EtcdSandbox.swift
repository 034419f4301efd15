import Foundation
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes

/// An in-memory etcd cluster that answers the etcdctl v3 argv the engine sends —
/// `member list`, `endpoint status|health`, `get`, `put`, `del` — with etcdctl 3.4's
/// JSON shapes, exit codes and error lines (reference/cli-formats.md §1), and the v2 argv
/// (`ETCDCTL_API=2`: `member list`, `cluster-health`, `ls`, `get`, `set`, `rm`; §1.6) from a
/// separate v2 store, as etcd 3.x keeps the two apart. Members can be stopped, so the demo and
/// tests see what a lost member and a lost quorum look like.
public final class EtcdSandbox: Sendable {
    let state: Mutex<EtcdScenario>
    /// Endpoints a call may name: the pinned ones, plus members' own client URLs.
    let pinned: Set<String>

    public init(scenario: EtcdScenario, pinnedEndpoints: [String]) {
        state = Mutex(scenario)
        pinned = Set(pinnedEndpoints)
    }

    /// A sandbox from a scenario file's `etcd` part (the Deis v1 and etcd demos').
    public convenience init(scenarioJSON: String, pinnedEndpoints: [String]) throws {
        struct File: Decodable { var etcd: EtcdScenario }
        let model = try JSONDecoder().decode(File.self, from: Data(scenarioJSON.utf8))
        self.init(scenario: model.etcd, pinnedEndpoints: pinnedEndpoints)
    }

    /// Stops (or restarts) the member with that name, as `kill` would.
    public func setDown(_ name: String, _ down: Bool) {
        state.withLock { state in
            for index in state.members.indices where state.members[index].name == name { state.members[index].down = down }
        }
    }

    /// The value of a key in the v3 store, for tests.
    public func value(of key: String) -> String? {
        state.withLock { $0.keys[key] }
    }

    /// The value of a key in the v2 store, for tests (and for deisctl's sandbox, which writes there).
    public func v2Value(of key: String) -> String? {
        state.withLock { $0.v2Keys?[key] }
    }

    /// Sets (or, with nil, removes) a v2 key as deisctl's go-etcd client would; false without quorum.
    @discardableResult
    public func setV2(_ key: String, _ value: String?) -> Bool {
        state.withLock { state in
            guard Self.hasQuorum(state), state.v2Enabled != false else { return false }
            var keys = state.v2Keys ?? [:]
            keys[key] = value
            state.v2Keys = keys
            return true
        }
    }

    func etcdctl(_ args: [String]) throws(RunError) -> CommandOutput {
        let line = (["etcdctl"] + args).joined(separator: " ")
        var rest = args
        guard let first = rest.first, first.hasPrefix("--endpoints=") else {
            throw .nonZeroExit(command: line, status: 1, stderr: "Error: the demo sandbox refuses an etcdctl call without the pinned --endpoints")
        }
        rest.removeFirst()
        let endpoints = first.dropFirst("--endpoints=".count).split(separator: ",").map(String.init)
        let snapshot = state.withLock { $0 }
        let memberURLs = Set(snapshot.members.flatMap { $0.clientURLs ?? [] })
        guard !endpoints.isEmpty, endpoints.allSatisfy({ pinned.contains($0) || memberURLs.contains($0) }) else {
            throw .nonZeroExit(command: line, status: 1, stderr: "Error: the demo sandbox refuses endpoints outside the pinned cluster")
        }
        let globalPrefixes = ["--cacert=", "--cert=", "--key=", "--dial-timeout=", "--command-timeout="]
        rest.removeAll { arg in globalPrefixes.contains { arg.hasPrefix($0) } }
        var json = false
        if let at = rest.firstIndex(of: "-w"), at + 1 < rest.count {
            json = rest[at + 1] == "json"
            rest.removeSubrange(at...(at + 1))
        }
        if rest.contains("--write-out=json") { json = true; rest.removeAll { $0 == "--write-out=json" } }
        switch (rest.first, rest.dropFirst().first) {
        case ("member", "list"):
            return try memberList(endpoints, json: json, line: line)
        case ("endpoint", "status"):
            return try status(endpoints, line: line)
        case ("endpoint", "health"):
            return try health(endpoints, line: line)
        case ("get", _):
            return try get(Array(rest.dropFirst()), json: json, line: line)
        case ("put", _):
            return try put(Array(rest.dropFirst()), line: line)
        case ("del", _):
            return try del(Array(rest.dropFirst()), line: line)
        default:
            throw .nonZeroExit(command: line, status: 128, stderr: "Error: the demo sandbox does not answer this etcdctl command")
        }
    }

    // MARK: cluster state

    static func isUp(_ member: EtcdScenario.Member) -> Bool {
        member.down != true && !(member.name ?? "").isEmpty
    }

    static func hasQuorum(_ state: EtcdScenario) -> Bool {
        let voters = state.members.filter { $0.isLearner != true }
        return voters.filter(isUp).count >= voters.count / 2 + 1
    }

    /// Whether any of the endpoints reaches a running member (a pinned endpoint that is
    /// not a member, like a proxy, reaches whichever member is up).
    static func reachable(_ endpoints: [String], _ state: EtcdScenario) -> EtcdScenario.Member? {
        for endpoint in endpoints {
            if let member = state.members.first(where: { ($0.clientURLs ?? []).contains(endpoint) }) {
                if isUp(member) { return member }
            } else if let any = state.members.first(where: isUp) {
                return any
            }
        }
        return nil
    }

    private static func unreachable(_ line: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: """
            {"level":"warn","ts":"2026-01-01T00:00:00.000Z","caller":"clientv3/retry_interceptor.go:62","msg":"retrying of unary invoker failed","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}
            Error: context deadline exceeded
            """)
    }

    private func encode<T: Encodable>(_ value: T, _ line: String) throws(RunError) -> CommandOutput {
        guard let data = try? JSONEncoder().encode(value) else {
            throw .undecodable(command: line, detail: "sandbox could not encode its state")
        }
        return CommandOutput(stdout: Array(data) + [0x0A])
    }

    private func header(_ state: EtcdScenario, member: EtcdScenario.Member?) -> EtcdWire.Header {
        EtcdWire.Header(cluster_id: state.clusterID, member_id: member?.id, revision: state.revision ?? 1, raft_term: member?.raftTerm ?? 2)
    }

    // MARK: commands

    private func memberList(_ endpoints: [String], json: Bool, line: String) throws(RunError) -> CommandOutput {
        let snapshot = state.withLock { $0 }
        guard let answering = Self.reachable(endpoints, snapshot) else { throw Self.unreachable(line) }
        let members = snapshot.members.map { member in
            EtcdWire.Member(ID: member.id, name: member.name.flatMap { $0.isEmpty ? nil : $0 }, peerURLs: member.peerURLs,
                            clientURLs: Self.isUp(member) || member.down == true ? member.clientURLs : nil,
                            isLearner: member.isLearner == true ? true : nil)
        }
        var wireHeader = header(snapshot, member: answering)
        wireHeader.revision = nil   // etcdctl's member list header carries no revision
        return try encode(EtcdWire.MemberList(header: wireHeader, members: members), line)
    }

    private func status(_ endpoints: [String], line: String) throws(RunError) -> CommandOutput {
        let snapshot = state.withLock { $0 }
        let quorum = Self.hasQuorum(snapshot)
        var entries: [EtcdWire.EndpointStatus] = []
        var failures: [String] = []
        for endpoint in endpoints {
            guard let member = snapshot.members.first(where: { ($0.clientURLs ?? []).contains(endpoint) }), Self.isUp(member) else {
                failures.append("Failed to get the status of endpoint \(endpoint) (context deadline exceeded)")
                continue
            }
            let index = member.raftIndex ?? 8
            entries.append(EtcdWire.EndpointStatus(Endpoint: endpoint, Status: EtcdWire.Status(
                header: header(snapshot, member: member), version: member.version ?? "3.4.23", dbSize: member.dbSize ?? 20480,
                leader: quorum ? snapshot.leader : nil, raftIndex: index, raftTerm: member.raftTerm ?? 2, raftAppliedIndex: index,
                errors: quorum ? nil : ["etcdserver: no leader"], dbSizeInUse: (member.dbSize ?? 20480) * 4 / 5,
                isLearner: member.isLearner == true ? true : nil)))
        }
        if !failures.isEmpty {
            throw .nonZeroExit(command: line, status: 1, stderr: failures.joined(separator: "\n"))
        }
        return try encode(entries, line)
    }

    private func health(_ endpoints: [String], line: String) throws(RunError) -> CommandOutput {
        let snapshot = state.withLock { $0 }
        let quorum = Self.hasQuorum(snapshot)
        let entries = endpoints.map { endpoint -> EtcdWire.EndpointHealth in
            let member = snapshot.members.first { ($0.clientURLs ?? []).contains(endpoint) }
            let healthy = quorum && member.map(Self.isUp) == true
            return EtcdWire.EndpointHealth(endpoint: endpoint, health: healthy, took: healthy ? "1.2ms" : "2.000612s",
                                           error: healthy ? nil : "context deadline exceeded")
        }
        if entries.contains(where: { !$0.health }) {
            throw .nonZeroExit(command: line, status: 1, stderr: "Error: unhealthy cluster")
        }
        return try encode(entries, line)
    }

    /// Positional arguments after dropping flags; everything after `--` is positional.
    private static func split(_ args: [String]) -> (positional: [String], flags: Set<String>, options: [String: String]) {
        var positional: [String] = [], flags = Set<String>(), options: [String: String] = [:]
        var literal = false
        for arg in args {
            if literal || !arg.hasPrefix("--") { positional.append(arg); continue }
            if arg == "--" { literal = true; continue }
            let parts = arg.dropFirst(2).split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { options[parts[0]] = parts[1] } else { flags.insert(parts[0]) }
        }
        return (positional, flags, options)
    }

    private func get(_ args: [String], json: Bool, line: String) throws(RunError) -> CommandOutput {
        let (positional, flags, options) = Self.split(args)
        guard let key = positional.first else { throw .nonZeroExit(command: line, status: 128, stderr: "Error: get command needs one argument as key and an optional argument as range_end") }
        let snapshot = state.withLock { $0 }
        guard Self.hasQuorum(snapshot), let answering = Self.reachable(Array(pinned), snapshot) ?? snapshot.members.first(where: Self.isUp) else {
            throw Self.unreachable(line)
        }
        let matches = snapshot.keys.keys.sorted().filter { flags.contains("prefix") ? $0.hasPrefix(key) : $0 == key }
        let limit = options["limit"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? matches.count
        let shown = Array(matches.prefix(limit))
        let keysOnly = flags.contains("keys-only")
        if json {
            let kvs = shown.map { name in
                EtcdWire.KeyValue(key: Data(name.utf8).base64EncodedString(), create_revision: 2, mod_revision: 2, version: 1,
                                  value: keysOnly ? nil : Data((snapshot.keys[name] ?? "").utf8).base64EncodedString())
            }
            return try encode(EtcdWire.Range(header: header(snapshot, member: answering), kvs: kvs.isEmpty ? nil : kvs,
                                             more: shown.count < matches.count ? true : nil,
                                             count: matches.isEmpty ? nil : Int64(matches.count)), line)
        }
        var text = ""
        for name in shown {
            if flags.contains("print-value-only") {
                text += (snapshot.keys[name] ?? "") + "\n"
            } else {
                text += name + "\n" + (keysOnly ? "" : (snapshot.keys[name] ?? "")) + "\n"
            }
        }
        return CommandOutput(text: text)
    }

    private func put(_ args: [String], line: String) throws(RunError) -> CommandOutput {
        let positional = Self.split(args).positional
        guard positional.count == 2 else { throw .nonZeroExit(command: line, status: 128, stderr: "Error: put command needs 1 argument and input from stdin or 2 arguments") }
        try write(line) { $0.keys[positional[0]] = positional[1] }
        return CommandOutput(text: "OK\n")
    }

    private func del(_ args: [String], line: String) throws(RunError) -> CommandOutput {
        let (positional, flags, _) = Self.split(args)
        guard let key = positional.first else { throw .nonZeroExit(command: line, status: 128, stderr: "Error: del command needs one argument as key and an optional argument as range_end") }
        var deleted = 0
        try write(line) { state in
            let doomed = state.keys.keys.filter { flags.contains("prefix") ? $0.hasPrefix(key) : $0 == key }
            for name in doomed { state.keys[name] = nil }
            deleted = doomed.count
        }
        return CommandOutput(text: "\(deleted)\n")
    }

    /// A write commits only with quorum; it advances the revision and every running member's raft index.
    private func write(_ line: String, _ change: (inout EtcdScenario) -> Void) throws(RunError) {
        let committed: Bool = state.withLock { state in
            guard Self.hasQuorum(state) else { return false }
            change(&state)
            state.revision = (state.revision ?? 1) + 1
            for index in state.members.indices where Self.isUp(state.members[index]) {
                state.members[index].raftIndex = (state.members[index].raftIndex ?? 8) + 1
            }
            return true
        }
        if !committed { throw Self.unreachable(line) }
    }
}
