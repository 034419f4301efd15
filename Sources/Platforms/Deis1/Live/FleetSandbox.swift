import Foundation
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform

/// An in-memory fleet cluster that answers the fleetctl argv the engine sends —
/// `list-machines`, `list-units`, `ssh MACHINE docker images|/run/deis/bin/preseed|curl -s
/// localhost:PORT/version`, `start`, `destroy` — in fleetctl's documented output formats
/// (tab-padded columns, `-` for empty values; reference/cli-formats.md §2), through the driver it
/// serves (`--driver=etcd` against an etcd URL, or the API on fleet's socket), and changes when
/// fixes (or deisctl's sandbox) run. The wrong driver fails as fleetctl 1.0 does: the API driver
/// against etcd gets etcd's 404.
public final class FleetSandbox: Sendable {
    let state: Mutex<FleetScenario>
    private let pinnedEndpoint: String

    init(scenario: FleetScenario, pinnedEndpoint: String) {
        state = Mutex(scenario)
        self.pinnedEndpoint = pinnedEndpoint
    }

    /// A sandbox from a Deis v1 scenario file (its `fleet` part).
    public convenience init(scenarioJSON: String, pinnedEndpoint: String) throws {
        let model = try JSONDecoder().decode(Deis1ScenarioModel.self, from: Data(scenarioJSON.utf8))
        self.init(scenario: model.fleet, pinnedEndpoint: pinnedEndpoint)
    }

    /// Unit names in fleet's order, for tests.
    public func unitNames() -> [String] {
        state.withLock { Self.sortedUnits($0.units).map(\.name) }
    }

    /// The images a machine holds, for tests.
    public func images(on machineID: String) -> [String] {
        state.withLock { $0.machines.first { $0.id == machineID }?.images ?? [] }
    }

    /// fleetctl's global flags that take a value (`fleetctl/fleetctl.go`).
    static let globalValueFlags = ["--driver=", "--endpoint=", "--tunnel=", "--request-timeout=", "--strict-host-key-checking=",
                                   "--ssh-username=", "--etcd-key-prefix=", "--ca-file=", "--cert-file=", "--key-file="]

    func fleetctl(_ args: [String]) throws(RunError) -> CommandOutput {
        let line = (["fleetctl"] + args).joined(separator: " ")
        var rest = args[...]
        var endpoint: String?, driver = "API"
        while let first = rest.first, let prefix = Self.globalValueFlags.first(where: { first.hasPrefix($0) }) {
            rest = rest.dropFirst()
            let value = String(first.dropFirst(prefix.count))
            if prefix == "--endpoint=" { endpoint = value }
            if prefix == "--driver=" { driver = value }
        }
        guard endpoint == pinnedEndpoint else {
            throw .nonZeroExit(command: line, status: 1, stderr: "the demo sandbox refuses a fleetctl call without the pinned --endpoint")
        }
        let snapshot = state.withLock { $0 }
        if let served = snapshot.endpoint, served != pinnedEndpoint {
            throw .nonZeroExit(command: line, status: 1, stderr: "Error retrieving list of active machines from fleet API (dial: connection refused)")
        }
        let servesEtcd = (snapshot.driver ?? "API") == "etcd"
        switch (driver, servesEtcd) {
        case ("API", true):
            throw .nonZeroExit(command: line, status: 1, stderr: """
                Error retrieving list of active machines from fleet API (googleapi: got HTTP response code 404 with body: 404 page not found
                )
                Possible issues:
                  etcd is unhealthy and/or lost quorum
                  connection cannot be established to any etcd servers
                """)
        case ("etcd", false):
            throw .nonZeroExit(command: line, status: 1, stderr: "Error retrieving list of active machines from fleet API (client: etcd cluster is unavailable or misconfigured; error #0: unsupported protocol scheme \"unix\")")
        case ("API", false), ("etcd", true): break
        default: throw .nonZeroExit(command: line, status: 1, stderr: "unrecognized driver \"\(driver)\"")
        }
        guard let command = rest.first else { throw usage(line) }
        let options = Array(rest.dropFirst())
        switch command {
        case "list-machines": return try list(options, defaults: "machine,ip,metadata", valid: ["machine", "ip", "metadata"], line: line, machines: true)
        case "list-units": return try list(options, defaults: "unit,machine,active,sub", valid: ["unit", "load", "active", "sub", "machine", "hash"], line: line, machines: false)
        case "ssh": return try ssh(options, line: line)
        case "start": return try start(options, line: line)
        case "destroy": return destroy(options)
        default: throw usage(line)
        }
    }

    private func usage(_ line: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: "the demo sandbox does not answer this fleetctl command")
    }

    // MARK: listing

    /// fleet lists units by name, then machine ID.
    static func sortedUnits(_ units: [FleetScenario.Unit]) -> [FleetScenario.Unit] {
        units.sorted { ($0.name, $0.machine ?? "") < ($1.name, $1.machine ?? "") }
    }

    /// `ID` or `first8...`, then `/IP` when fleet knows the machine's IP.
    static func legend(_ id: String, machines: [FleetScenario.Machine], full: Bool) -> String {
        let shown = full ? id : String(id.prefix(8)) + "..."
        guard let ip = machines.first(where: { $0.id == id })?.ip, !ip.isEmpty else { return shown }
        return "\(shown)/\(ip)"
    }

    private func list(_ options: [String], defaults: String, valid: Set<String>, line: String, machines listMachines: Bool) throws(RunError) -> CommandOutput {
        let full = options.contains("--full") || options.contains("-l")
        let legend = !options.contains("--no-legend")
        let fieldsText = options.first { $0.hasPrefix("--fields=") }.map { String($0.dropFirst(9)) } ?? defaults
        let fields = fieldsText.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let bad = fields.first(where: { !valid.contains($0) }) {
            throw .nonZeroExit(command: line, status: 1, stderr: "Invalid key in output format: \"\(bad)\"")
        }
        let snapshot = state.withLock { $0 }
        var rows: [[String]] = legend ? [fields.map { $0.uppercased() }] : []
        if listMachines {
            for machine in snapshot.machines.sorted(by: { $0.id < $1.id }) {
                rows.append(fields.map { field in
                    switch field {
                    case "machine": return full ? machine.id : String(machine.id.prefix(8)) + "..."
                    case "ip": return (machine.ip ?? "").isEmpty ? "-" : machine.ip!
                    default:
                        let pairs = (machine.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                        return pairs.isEmpty ? "-" : pairs.joined(separator: ",")
                    }
                })
            }
        } else {
            for unit in Self.sortedUnits(snapshot.units) {
                rows.append(fields.map { field in
                    switch field {
                    case "unit": return unit.name
                    case "load": return unit.load ?? "loaded"
                    case "active": return unit.active
                    case "sub": return unit.sub
                    case "hash":
                        guard let hash = unit.hash, !hash.isEmpty else { return "-" }
                        return full ? hash : String(hash.prefix(7))
                    default: return unit.machine.map { Self.legend($0, machines: snapshot.machines, full: full) } ?? "-"
                    }
                })
            }
        }
        return CommandOutput(text: GoTabWriter.render(rows))
    }

    // MARK: ssh

    private func ssh(_ options: [String], line: String) throws(RunError) -> CommandOutput {
        var args = options
        var lookup: String?
        while let first = args.first, first.hasPrefix("-") {
            args.removeFirst()
            if first.hasPrefix("--machine=") { lookup = String(first.dropFirst(10)) }
            else if first == "--machine", let value = args.first { lookup = value; args.removeFirst() }
        }
        if lookup == nil, !args.isEmpty { lookup = args.removeFirst() }
        let snapshot = state.withLock { $0 }
        let matches = snapshot.machines.filter { lookup.map($0.id.hasPrefix) ?? false }
        guard let lookup, !lookup.isEmpty, matches.count == 1, let machine = matches.first else {
            let why = matches.count > 1 ? "found more than one machine" : "could not find matching unit or machine"
            throw .nonZeroExit(command: line, status: 1, stderr: "Unable to proceed: \(why)")
        }
        if args.first == "curl", let target = args.last, Self.localEtcdPort(target) != nil {
            guard let version = machine.etcdVersion else {
                throw .nonZeroExit(command: line, status: 7, stderr: "")   // curl -s: connection refused, silently
            }
            return CommandOutput(text: "{\"etcdserver\":\"\(version)\",\"etcdcluster\":\"3.4.0\"}")
        }
        switch args {
        case ["docker", "images"]:
            return CommandOutput(text: Self.dockerImages(machine.images ?? []))
        case [Deis1Names.preseedScript]:
            return preseed(machine.id)
        default:
            throw .nonZeroExit(command: line, status: 127, stderr: "bash: \(args.first ?? ""): command not found")
        }
    }

    /// `localhost:2379/version` (or 127.0.0.1, or 4001, with or without `http://`): the port asked.
    static func localEtcdPort(_ target: String) -> Int? {
        let bare = target.hasPrefix("http://") ? String(target.dropFirst(7)) : target
        for host in ["localhost:", "127.0.0.1:"] where bare.hasPrefix(host) {
            let rest = bare.dropFirst(host.count)
            for port in [2379, 4001] where rest.hasPrefix("\(port)/version") { return port }
        }
        return nil
    }

    /// `docker images` as the Docker of CoreOS's Deis era printed it.
    static func dockerImages(_ images: [String]) -> String {
        func pad(_ text: String) -> String { text.padding(toLength: max(20, text.count + 3), withPad: " ", startingAt: 0) }
        var out = pad("REPOSITORY") + pad("TAG") + pad("IMAGE ID") + pad("CREATED") + "VIRTUAL SIZE\n"
        for image in images {
            let parts = image.split(separator: ":", maxSplits: 1).map(String.init)
            let digest = String(image.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }, radix: 16)
            out += pad(parts[0]) + pad(parts.count > 1 ? parts[1] : "latest") + pad(String(digest.prefix(12))) + pad("3 weeks ago") + "112.4 MB\n"
        }
        return out
    }

    private func preseed(_ id: String) -> CommandOutput {
        var text = ""
        state.withLock { state in
            guard let index = state.machines.firstIndex(where: { $0.id == id }) else { return }
            var held = state.machines[index].images ?? []
            for image in state.preseedImages ?? [] {
                if held.contains(image) {
                    text += "Status: Image is up to date for \(image)\n"
                } else {
                    let parts = image.split(separator: ":", maxSplits: 1).map(String.init)
                    text += "\(parts.count > 1 ? parts[1] : "latest"): Pulling from \(parts[0])\nStatus: Downloaded newer image for \(image)\n"
                    held.append(image)
                }
            }
            state.machines[index].images = held
        }
        return CommandOutput(text: text)
    }

    // MARK: start / destroy

    func start(_ options: [String], line: String) throws(RunError) -> CommandOutput {
        let names = options.filter { !$0.hasPrefix("-") }
        var out = ""
        for name in names {
            let placed: Result<String, RunError> = state.withLock { state in
                if let existing = state.units.first(where: { $0.name == name }) {
                    return .success(existing.machine.map { Self.legend($0, machines: state.machines, full: false) } ?? "")
                }
                let templateName = name.contains("@") ? String(name[..<name.firstIndex(of: "@")!]) + "@.service" : name
                guard let template = state.templates?[templateName] else {
                    return .failure(.nonZeroExit(command: line, status: 1, stderr: "Error creating units: unable to find unit \(name) or template \(templateName)"))
                }
                let candidate = state.machines.sorted { $0.id < $1.id }.first { machine in
                    let meta = machine.metadata ?? [:]
                    let fits = (template.metadata ?? [:]).allSatisfy { meta[$0.key] == $0.value }
                    let conflicts = template.conflicts.map { glob in
                        state.units.contains { $0.machine == machine.id && Self.glob(glob, matches: $0.name) }
                    } ?? false
                    return fits && !conflicts
                }
                guard let machine = candidate else {
                    return .failure(.nonZeroExit(command: line, status: 1, stderr: "Error waiting for units: timed out waiting for unit \(name) to report state launched"))
                }
                state.units.append(FleetScenario.Unit(name: name, machine: machine.id, active: "active", sub: "running"))
                return .success(Self.legend(machine.id, machines: state.machines, full: false))
            }
            switch placed {
            case .success(let legend): out += "Unit \(name) launched" + (legend.isEmpty ? "" : " on \(legend)") + "\n"
            case .failure(let error): throw error
            }
        }
        return CommandOutput(text: out)
    }

    func destroy(_ options: [String]) -> CommandOutput {
        let names = options.filter { !$0.hasPrefix("-") }
        var out = ""
        state.withLock { state in
            for name in names where state.units.contains(where: { $0.name == name }) {
                state.units.removeAll { $0.name == name }
                out += "Destroyed \(name)\n"
            }
        }
        return CommandOutput(text: out)
    }

    /// fleet's `Conflicts=` globs: `*` matches any run of characters.
    static func glob(_ pattern: String, matches name: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == name }
        guard name.hasPrefix(parts[0]), name.hasSuffix(parts[parts.count - 1]),
              name.count >= parts[0].count + parts[parts.count - 1].count else { return false }
        var rest = Substring(name.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count))
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let range = rest.range(of: middle) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}
