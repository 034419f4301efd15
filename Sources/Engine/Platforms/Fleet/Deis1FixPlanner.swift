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

    public func plan(_ intent: FixIntent, ruleID: String, subject: String) -> FixPlan? {
        switch intent {
        case .etcdSetKey(let key, let from, let to):
            return etcdKeyPlan(intent, key: key, from: from, to: to, ruleID: ruleID, subject: subject)
        case .fleetStartUnit(let unit):
            guard Self.isUnitName(unit), let seen else { return nil }
            let before = seen.units.map(\.name)
            let after = before.contains(unit) ? before : Self.fleetOrder(before + [unit])
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Start \(unit)", risk: .low, intent: intent,
                changes: [.init(what: "fleet unit \(unit)", from: "not loaded", to: "started (fleet places it on a machine without one)")],
                commands: [fleet.fleetctl(["start", "--block-attempts=\(Self.blockAttempts)", unit], timeoutSeconds: 90)],
                dryRunCommands: [],
                preconditions: [unitList("fleet still lists the \(before.count) unit(s) of the preview", before)],
                postconditions: [unitList("fleet lists \(unit) among \(after.count) unit(s)", after)]
            )
        case .fleetDestroyUnit(let unit):
            guard Self.isUnitName(unit), let seen else { return nil }
            let before = seen.units.map(\.name)
            guard before.contains(unit) else { return nil }
            let after = before.filter { $0 != unit }
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Destroy \(unit)", risk: .high, intent: intent,
                changes: [.init(what: "fleet unit \(unit)", from: "loaded", to: "stopped and removed")],
                commands: [fleet.fleetctl(["destroy", unit], timeoutSeconds: 60)],
                dryRunCommands: [],
                preconditions: [unitList("fleet still lists the \(before.count) unit(s) of the preview, \(unit) among them", before)],
                postconditions: [unitList("fleet no longer lists \(unit)", after)]
            )
        case .fleetPreseed(let id):
            guard let seen, let machine = seen.machine(id: id), Self.isMachineID(id) else { return nil }
            let ids = seen.machines.map(\.id)
            return FixPlan(
                ruleID: ruleID, subject: subject, title: "Preseed Deis images on \(machine.label)", risk: .low, intent: intent,
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
            )
        default:
            return nil
        }
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

    /// fleet machine IDs are hex (a systemd machine-id).
    static func isMachineID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
