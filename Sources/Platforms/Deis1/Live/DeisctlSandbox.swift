import Foundation
import Synchronization
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import EtcdRules
import EtcdPlatform

/// deisctl 1.13.4 for the demo, working on the demo's own etcd and fleet sandboxes as the real one
/// works on etcd (reference/cli-formats.md §2.6; the Deis v1 lab's README for what it prints):
/// `config C set K=V` writes the v2 key `/deis/C/K` and prints V, `config C get K` prints the value,
/// `config C rm K` prints K; `scale router=N` adds `deis-router@N+1…` (started where fleet would
/// place them) or destroys from the top. Errors are `Error: …` and exit 1, as deisctl prints them
/// (on stdout; the runner reports that line).
public final class DeisctlSandbox: Sendable {
    let etcd: EtcdSandbox
    let fleet: FleetSandbox
    /// The one etcd URL `--endpoint=` must name.
    let pinnedEndpoint: String

    public init(etcd: EtcdSandbox, fleet: FleetSandbox, pinnedEndpoint: String) {
        self.etcd = etcd
        self.fleet = fleet
        self.pinnedEndpoint = pinnedEndpoint
    }

    func deisctl(_ args: [String]) throws(RunError) -> CommandOutput {
        let line = (["deisctl"] + args).joined(separator: " ")
        var rest = args[...]
        var endpoint = "http://127.0.0.1:4001"
        while let first = rest.first, first.hasPrefix("--"), first.contains("=") {
            rest = rest.dropFirst()
            if first.hasPrefix("--endpoint=") { endpoint = String(first.dropFirst("--endpoint=".count)) }
        }
        guard endpoint == pinnedEndpoint else {
            throw .nonZeroExit(command: line, status: 1, stderr: "Error: the demo sandbox refuses a deisctl call without the pinned --endpoint=")
        }
        let words = Array(rest)
        switch words.first {
        case "config": return try config(Array(words.dropFirst()), line: line)
        case "scale": return try scale(Array(words.dropFirst()), line: line)
        default: throw .nonZeroExit(command: line, status: 1, stderr: "Error: the demo sandbox does not answer this deisctl command")
        }
    }

    func config(_ words: [String], line: String) throws(RunError) -> CommandOutput {
        guard words.count >= 3 else {
            throw .nonZeroExit(command: line, status: 1, stderr: "Usage:\n  deisctl config <target> get [<key>...]\n  deisctl config <target> set <key=val>...")
        }
        let root = "/deis/\(words[0])/"
        var out = ""
        for argument in words.dropFirst(2) {
            switch words[1] {
            case "set":
                guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex, argument.index(after: equals) != argument.endIndex else {
                    throw .nonZeroExit(command: line, status: 1, stderr: "Error: '\(argument)' does not match the pattern 'key=var', ex: foo=bar")
                }
                let value = String(argument[argument.index(after: equals)...])
                guard etcd.setV2(root + argument[..<equals], value) else { throw Self.unreachable(line) }
                out += value + "\n"
            case "rm":
                guard etcd.v2Value(of: root + argument) != nil else { throw Self.notFound(root + argument, line) }
                guard etcd.setV2(root + argument, nil) else { throw Self.unreachable(line) }
                out += argument + "\n"
            default:
                guard let value = etcd.v2Value(of: root + argument) else { throw Self.notFound(root + argument, line) }
                out += value + "\n"
            }
        }
        return CommandOutput(text: out)
    }

    /// `deisctl/backend/fleet/scale.go`: count the component's units, create and start
    /// `@count+1…@N`, or destroy `@count…@N+1`.
    func scale(_ words: [String], line: String) throws(RunError) -> CommandOutput {
        var out = ""
        for target in words {
            let parts = target.split(separator: "=").map(String.init)
            guard parts.count == 2, let wanted = Int(parts[1]) else {
                throw .nonZeroExit(command: line, status: 1, stderr: "Error: Could not parse: \(target)")
            }
            guard parts[0].contains("router") || parts[0].contains("registry") || parts[0].contains("store-gateway") else {
                throw .nonZeroExit(command: line, status: 1, stderr: "Error: cannot scale \(parts[0]) component")
            }
            let component = "deis-" + parts[0]
            let count = fleet.unitNames().filter { $0.hasPrefix(component + "@") }.count
            if wanted > count {
                for number in (count + 1)...wanted {
                    let unit = "\(component)@\(number).service"
                    // deisctl reports a unit that will not start and carries on, exit 0.
                    if (try? fleet.start(["--no-block", unit], line: line)) != nil {
                        out += "\(unit): loaded\n\(unit): active/running\n"
                    } else {
                        out += "\(unit): failed to start\n"
                    }
                }
            } else if wanted < count {
                for number in stride(from: count, to: wanted, by: -1) {
                    let unit = "\(component)@\(number).service"
                    _ = fleet.destroy([unit])
                    out += "\(unit): destroyed\n"
                }
            }
        }
        return CommandOutput(text: out)
    }

    static func notFound(_ key: String, _ line: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: "Error: 100: Key not found (\(key)) [17]")
    }

    static func unreachable(_ line: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: "Error: 501: All the given peers are not reachable")
    }
}

extension DeisctlSandbox: ToolSandbox {
    public func answer(_ command: Command) throws(RunError) -> CommandOutput {
        try deisctl(command.arguments)
    }
}
