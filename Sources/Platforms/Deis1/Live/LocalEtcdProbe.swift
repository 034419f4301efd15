import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import EtcdRules

/// Asks machines whether etcd answers on their own localhost, the way an operator checks a proxy
/// (RULES.md DEIS1-ETCD-PROXY): `fleetctl ssh MACHINE curl -s localhost:2379/version`, then port
/// 4001 (etcd 2's legacy client port, which CoreOS also opened). curl's exit 7 is "nothing
/// listens"; any other failure means the machine could not be asked.
struct LocalEtcdProbe: Sendable {
    var runner: any CommandRunner
    var fleet: FleetTarget
    var sshTimeoutSeconds: Double

    static let ports = [2379, 4001]

    func probe(_ machines: [FleetMachine]) async -> [String: LocalEtcdAnswer] {
        await withTaskGroup(of: (String, LocalEtcdAnswer).self) { group in
            for machine in machines { group.addTask { (machine.id, await self.ask(machine)) } }
            var result: [String: LocalEtcdAnswer] = [:]
            for await (id, answer) in group { result[id] = answer }
            return result
        }
    }

    func ask(_ machine: FleetMachine) async -> LocalEtcdAnswer {
        for port in Self.ports {
            let command = fleet.fleetctl(["ssh", machine.id, "curl", "-s", "localhost:\(port)/version"], timeoutSeconds: sshTimeoutSeconds)
            do {
                let text = String(decoding: try await runner.run(command).stdout, as: UTF8.self)
                guard text.contains("etcd") else { continue }
                return .answers(port: port, version: Sanitizer.line(text.trimmingCharacters(in: .whitespacesAndNewlines), maxLength: 120))
            } catch {
                if case .nonZeroExit(_, 7, _) = error { continue }
                return .unreadable(FleetProbe.probeError(error, what: "localhost etcd on \(machine.label)").message)
            }
        }
        return .silent
    }
}
