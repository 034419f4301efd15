import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// Turns fix intents into etcdctl and fleetctl plans pinned to one Deis v1 cluster.
///
/// - etcd keys: preview from → to; precondition and postcondition read the key with
///   `etcdctl get KEY --print-value-only` (whole output, trimmed; empty = absent).
/// - fleet units and machines: fleetctl can only list everything, so the checks compare
///   the whole `--fields=unit` (or `machine`) list against the one the preview was made
///   from (`seen`); fleet prints units sorted by name, so the list after a start or a
///   destroy is known exactly.
public struct Deis1FixPlanner: Sendable {
    public var etcd: EtcdTarget
    public var fleet: FleetTarget
    /// The fleet state the finding came from; fleet fixes are not planned without one.
    public var seen: FleetState?

    public init(etcd: EtcdTarget, fleet: FleetTarget, seen: FleetState?) {
        self.etcd = etcd
        self.fleet = fleet
        self.seen = seen
    }

    /// `fleet start` waits for the unit to launch; fleet sleeps 500 ms between attempts.
    static let blockAttempts = 60

    /// `deisctl config COMPONENT set KEY=VALUE` writes `/deis/COMPONENT/KEY`; this writes the key.
    public func planSetting(_ setting: Setting, from: String?, to: String?, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        let key = Deis1Names.key(of: setting)
        // deisctl's own grammar: a component and a key path, never anything argv could read as a flag.
        guard Self.isSettingName(setting.scope), Self.isSettingName(setting.key) else {
            return .failure(FixRefusal("\(key) is not a Deis setting a fix may set"))
        }
        guard let plan = etcdKeyPlan(.setSetting(setting, from: from, to: to), key: key, from: from, to: to, ruleID: ruleID, subject: subject) else {
            return .failure(FixRefusal("\(key) is not a key a fix may set"))
        }
        return .success(plan)
    }

    /// Routers up: start `deis-router@N` units (fleet places each on a machine without one);
    /// down: destroy the highest-numbered ones.
    public func planScale(workload: String, from: Int, to: Int, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        guard workload == Deis1Names.routerComponent else { return .failure(FixRefusal("Deis v1 scales only the router, not \(workload)")) }
        guard let seen else { return .failure(FixRefusal("the fleet units are not read yet (r refreshes)")) }
        let intent = FixIntent.scale(workload: workload, from: from, to: to)
        let before = seen.units.map(\.name)
        let routers = seen.units.filter { $0.baseName == Deis1Names.router }
        guard routers.count == from else {
            return .failure(FixRefusal("fleet lists \(routers.count) router unit(s), not the \(from) of the finding; refresh"))
        }
        let used = routers.compactMap { $0.instance.flatMap { Int($0) } }
        if to > from {
            var next: [String] = []
            var candidate = 1
            while next.count < to - from {
                if !used.contains(candidate) { next.append("\(Deis1Names.router)@\(candidate).service") }
                candidate += 1
            }
            let after = Self.fleetOrder(before + next)
            return .success(FixPlan(
                ruleID: ruleID, subject: subject, title: "Scale the router from \(from) to \(to)", risk: .low, intent: intent,
                changes: [.init(what: "deis-router units", from: "\(from)", to: "\(to) (\(next.joined(separator: ", ")) started)")],
                commands: next.map { fleet.fleetctl(["start", "--block-attempts=\(Self.blockAttempts)", $0], timeoutSeconds: 90) },
                dryRunCommands: [],
                preconditions: [unitList("fleet still lists the \(before.count) unit(s) of the preview", before)],
                postconditions: [unitList("fleet lists \(after.count) unit(s), the new routers among them", after)]
            ))
        }
        let doomed = routers.sorted { (Int($0.instance ?? "") ?? 0) > (Int($1.instance ?? "") ?? 0) }.prefix(from - to).map(\.name)
        let after = before.filter { !doomed.contains($0) }
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: "Scale the router from \(from) to \(to)", risk: .high, intent: intent,
            changes: [.init(what: "deis-router units", from: "\(from)", to: "\(to) (\(doomed.joined(separator: ", ")) destroyed)")],
            commands: doomed.map { fleet.fleetctl(["destroy", $0], timeoutSeconds: 60) },
            dryRunCommands: [],
            preconditions: [unitList("fleet still lists the \(before.count) unit(s) of the preview", before)],
            postconditions: [unitList("fleet no longer lists \(doomed.joined(separator: ", "))", after)]
        ))
    }

    public func planPreseed(machine id: String, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        guard let seen, let machine = seen.machine(id: id), Self.isMachineID(id) else {
            return .failure(FixRefusal("machine \(id) is not in the last read of fleet; refresh"))
        }
        let ids = seen.machines.map(\.id)
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: "Preseed Deis images on \(machine.label)", risk: .low, intent: .preseedImages(machine: id),
            changes: [.init(what: "Docker images on \(machine.label)", from: "Deis images missing", to: "pulled by \(Deis1Names.preseedScript)")],
            // The script pulls a dozen images: minutes, not seconds.
            commands: [fleet.fleetctl(["ssh", id, Deis1Names.preseedScript], timeoutSeconds: 1800)],
            dryRunCommands: [],
            preconditions: [StateCheck(
                description: "fleet still lists the \(ids.count) machine(s) of the preview",
                command: fleet.fleetctl(["list-machines", "--full", "--no-legend", "--fields=machine"]),
                jsonPath: [], expected: ids.isEmpty ? nil : ids.joined(separator: "\n"))],
            // Images cannot be read back by a single value: the re-probe (DEIS1-PRESEED
            // on this machine clearing) is the verification.
            postconditions: []
        ))
    }

    func etcdKeyPlan(_ intent: FixIntent, key: String, from: String?, to: String?, ruleID: String, subject: String) -> FixPlan? {
        // A key that looks like a flag could change the command's meaning; secrets would
        // end up in the preview and the audit log.
        guard key.hasPrefix("/"), !Deis1Names.secretKeys.contains(key) else { return nil }
        let command: Command = to.map { etcd.etcdctl(["put", "--", key, $0]) } ?? etcd.etcdctl(["del", key])
        let read = etcd.etcdctl(["get", key, "--print-value-only"])
        return FixPlan(
            ruleID: ruleID, subject: subject, title: to.map { "Set \(key)=\($0)" } ?? "Delete \(key)", risk: .low, intent: intent,
            changes: [.init(what: "etcd \(key)", from: from ?? "(absent)", to: to ?? "(absent)")],
            commands: [command],
            dryRunCommands: [],
            preconditions: [StateCheck(description: "\(key) is still \(from ?? "absent")", command: read, jsonPath: [], expected: from)],
            postconditions: [StateCheck(description: "\(key) is \(to ?? "absent")", command: read, jsonPath: [], expected: to)]
        )
    }

    func unitList(_ description: String, _ names: [String]) -> StateCheck {
        StateCheck(description: description,
                   command: fleet.fleetctl(["list-units", "--full", "--no-legend", "--fields=unit"]),
                   jsonPath: [], expected: names.isEmpty ? nil : names.joined(separator: "\n"))
    }

    /// fleet's order: by unit name, byte-wise (Go string comparison); stable, so the
    /// copies of a global unit keep their machine order.
    static func fleetOrder(_ names: [String]) -> [String] {
        names.enumerated().sorted { lhs, rhs in
            if lhs.element == rhs.element { return lhs.offset < rhs.offset }
            return lhs.element.utf8.lexicographicallyPrecedes(rhs.element.utf8)
        }.map(\.element)
    }

    /// A systemd service name fleet accepts; never something argv could read as a flag.
    static func isUnitName(_ name: String) -> Bool {
        name.hasSuffix(".service") && !name.hasPrefix("-") && name.count <= 200
            && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || ":_.@-\\".unicodeScalars.contains($0)) }
    }

    /// A `deisctl config` component or key: letters, digits, `_`, `-`, `.` and `/`, starting
    /// with a letter or digit.
    static func isSettingName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first) else { return false }
        return name.count <= 100 && name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-./".unicodeScalars.contains($0)) }
    }

    /// fleet machine IDs are hex (a systemd machine-id).
    static func isMachineID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
