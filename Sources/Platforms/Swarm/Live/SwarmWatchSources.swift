import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules

/// `docker events --format '{{json .}}'`, filtered to nodes, services and containers, pinned
/// to the manager: each event says which part of the swarm to read again (a burst, one re-read
/// per part). Containers' events stand for tasks: a swarm task is a container on some node.
public enum SwarmWatchSources {
    public static func sources(docker: DockerTarget, runner: any CommandRunner, interval: Double) -> [any WatchSource] {
        let probe = SwarmProbe(runner: runner, target: docker)
        let command = docker.docker(["events", "--format", "{{json .}}", "--filter", "type=node", "--filter", "type=service",
                                     "--filter", "type=container"])
        return [LineTriggeredSource(name: "docker events", command: command, runner: runner, interval: interval,
                                    classify: { part(of: $0)?.rawValue }) { what in
            // Where the runner cannot stream (the demo), the poll reads the swarm whole.
            let put = await probe.reread(SwarmProbe.Part(rawValue: what) ?? .services)
            return StateChange("swarm \(what.isEmpty ? "" : what + " ")read again") { state in put(&state.swarm) }
        }]
    }

    /// The part an event line is about: `{"Type":"service","Action":"update",…}`.
    static func part(of line: UnsafeRawBufferPointer) -> SwarmProbe.Part? {
        struct Event: Decodable { var `Type`: String? }
        guard let type = try? JSONDecoder().decode(Event.self, from: Data(line)).Type else { return nil }
        switch type {
        case "node": return .nodes
        case "service": return .services
        case "container": return .tasks
        default: return nil
        }
    }
}
