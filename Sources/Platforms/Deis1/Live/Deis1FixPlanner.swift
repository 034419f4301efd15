import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// Turns fix intents into the commands Deis operators run, pinned to one Deis v1 cluster:
/// `deisctl config COMPONENT set KEY=VALUE` (or `rm KEY`) for settings, `deisctl scale
/// router=N` for the router mesh, `fleetctl ssh MACHINE /run/deis/bin/preseed` for images.
///
/// - settings: preview from → to; the precondition and the verification read the v2 key with
///   `ETCDCTL_API=2 etcdctl get --quorum KEY` — exit 4 "Key not found" reads as absent, nothing
///   else does — so a write that went anywhere but the v2 store Deis reads never verifies.
/// - scale: deisctl numbers a component's units 1…N, adds `@N+1…` and destroys from the top
///   (`deisctl/backend/fleet/scale.go`); the plan predicts exactly those units, and is refused
///   when the routers are not numbered 1…N (deisctl would miscount). The checks compare fleet's
///   whole `--fields=unit` list with the one the preview was made from (`seen`) and with the one
///   deisctl leaves; deisctl exits 0 even when a unit fails, so only that read-back tells.
public struct Deis1FixPlanner: Sendable {
    public var etcd: EtcdTarget
    public var fleet: FleetTarget
    public var deisctl: DeisctlTarget
    /// The fleet state the finding came from; fleet fixes are not planned without one.
    public var seen: FleetState?

    public init(etcd: EtcdTarget, fleet: FleetTarget, deisctl: DeisctlTarget, seen: FleetState?) {
        self.etcd = etcd
        self.fleet = fleet
        self.deisctl = deisctl
        self.seen = seen
    }

    /// Keys deisctl reads a *file* for (`deisctl/config/config.go` `fileKeys`): a fix never sets them.
    static let fileKeys: Set<String> = ["/deis/platform/sshPrivateKey", "/deis/router/sslCert", "/deis/router/sslKey", "/deis/router/sslDhparam"]

    public func planSetting(_ setting: Setting, from: String?, to: String?, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        let key = Deis1Names.key(of: setting)
        // deisctl's own grammar: a component and a key path, never anything argv could read as a flag.
        guard Self.isSettingName(setting.scope), Self.isSettingName(setting.key) else {
            return .failure(FixRefusal("\(key) is not a Deis setting a fix may set"))
        }
        guard !Deis1Names.secretKeys.contains(key), !Self.fileKeys.contains(key) else {
            return .failure(FixRefusal("\(key) holds a file or a secret: set it by hand with deisctl config \(setting.scope) set \(setting.key)=PATH"))
        }
        if let to, to.isEmpty || to.contains(where: \.isNewline) {
            return .failure(FixRefusal("\(key): deisctl cannot set an empty or multi-line value"))
        }
        let command = to.map { deisctl.deisctl(["config", setting.scope, "set", "\(setting.key)=\($0)"], timeoutSeconds: 60) }
            ?? deisctl.deisctl(["config", setting.scope, "rm", setting.key], timeoutSeconds: 60)
        let read = etcd.etcdctlV2(["get", "--quorum", key])
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: to.map { "deisctl config \(setting.scope) set \(setting.key)=\($0)" } ?? "deisctl config \(setting.scope) rm \(setting.key)",
            risk: .low, intent: .setSetting(setting, from: from, to: to),
            changes: [.init(what: "etcd v2 \(key)", from: from ?? "(absent)", to: to ?? "(absent)")],
            commands: [command],
            dryRunCommands: [],
            preconditions: [StateCheck(description: "\(key) is still \(from ?? "absent")", command: read, jsonPath: [], expected: from,
                                       absentWhen: EtcdV2Errors.keyNotFound)],
            postconditions: [StateCheck(description: "\(key) is \(to ?? "absent")", command: read, jsonPath: [], expected: to,
                                        absentWhen: EtcdV2Errors.keyNotFound)],
            notes: Self.notes(key: key, to: to)
        ))
    }

    /// What to know before the change takes effect, per key.
    static func notes(key: String, to: String?) -> [String] {
        switch (key, to) {
        case (Deis1Names.registrationKey, "admin_only"?), (Deis1Names.registrationKey, "disabled"?):
            return ["Register the admin user first (deis register http://deis.DOMAIN): the first user to register becomes the admin, "
                    + "and once registration is \(to!) nobody else can create an account — without an admin that means nobody at all."]
        case (Deis1Names.routerFirewallKey, "true"?):
            return ["The router's firewall (naxsi) rejects requests that look like attacks: watch the apps for new 403s after it is on."]
        case (Deis1Names.enforceHTTPSKey, "true"?):
            return ["Plain-HTTP requests are redirected to HTTPS from now on: the router's certificate must cover every app domain."]
        case (Deis1Names.placementOptionsKey, "true"?):
            return ["Only units installed from now on follow the plane metadata: reinstall (deisctl uninstall/install) a component to move it."]
        default:
            return []
        }
    }

    /// `deisctl scale router=N` (deisctl waits for the new routers to run, or destroys the top ones).
    public func planScale(workload: String, from: Int, to: Int, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        guard workload == Deis1Names.routerComponent else { return .failure(FixRefusal("Deis v1 scales only the router here, not \(workload)")) }
        guard to >= 0, to <= 50 else { return .failure(FixRefusal("\(to) routers is not a count deisctl would take here")) }
        guard let seen else { return .failure(FixRefusal("the fleet units are not read yet (r refreshes)")) }
        let before = seen.units.map(\.name)
        let routers = seen.units.filter { $0.baseName == Deis1Names.router }
        guard routers.count == from else {
            return .failure(FixRefusal("fleet lists \(routers.count) router unit(s), not the \(from) of the finding; refresh"))
        }
        let numbers = routers.compactMap { $0.instance.flatMap { Int($0) } }.sorted()
        guard numbers == Array(stride(from: 1, through: from, by: 1)) else {
            return .failure(FixRefusal("the routers are \(routers.map(\.name).joined(separator: ", ")): deisctl scale counts them as 1…\(from) and would add or remove the wrong ones; scale by hand with fleetctl"))
        }
        let unit = { (n: Int) in "\(Deis1Names.router)@\(n).service" }
        let intent = FixIntent.scale(workload: workload, from: from, to: to)
        let command = deisctl.deisctl(["scale", "\(Deis1Names.routerComponent)=\(to)"], timeoutSeconds: 300)
        let precondition = unitList("fleet still lists the \(before.count) unit(s) of the preview", before)
        if to > from {
            let added = (from + 1...to).map(unit)
            let after = Self.fleetOrder(before + added)
            return .success(FixPlan(
                ruleID: ruleID, subject: subject, title: "Scale the router from \(from) to \(to)", risk: .low, intent: intent,
                changes: [.init(what: "deis-router units", from: "\(from)", to: "\(to) (\(added.joined(separator: ", ")) started)")],
                commands: [command], dryRunCommands: [], preconditions: [precondition],
                postconditions: [unitList("fleet lists \(after.count) unit(s), the new routers among them", after)],
                notes: ["fleet places each new router on a machine without one (the unit conflicts with itself); with placement options on, only routerMesh machines qualify."]
            ))
        }
        guard to < from else { return .failure(FixRefusal("the router already has \(from) unit(s)")) }
        let removed = (to + 1...from).reversed().map(unit)
        let after = before.filter { !removed.contains($0) }
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: "Scale the router from \(from) to \(to)", risk: .high, intent: intent,
            changes: [.init(what: "deis-router units", from: "\(from)", to: "\(to) (\(removed.joined(separator: ", ")) destroyed)")],
            commands: [command], dryRunCommands: [], preconditions: [precondition],
            postconditions: [unitList("fleet no longer lists \(removed.joined(separator: ", "))", after)],
            notes: ["Requests the destroyed routers were serving are dropped; clients and the load balancer retry on the others."]
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

    /// `ETCDCTL_API=2 etcdctl -o json ls --recursive --sort /deis` into the backup folder, kept
    /// only once it reads back as the `/deis` tree.
    public func planConfigExport(targetName: String, ruleID: String, subject: String, backupDirectory: String, now: Date) -> Result<FixPlan, FixRefusal> {
        guard !etcd.endpoints.isEmpty else { return .failure(FixRefusal("no etcd endpoint to export from")) }
        let final = "\(backupDirectory)/\(EtcdSnapshotPlanner.safeName(targetName))/deis-config-\(EtcdSnapshotPlanner.stamp(now)).json"
        let read = etcd.etcdctlV2(["-o", "json", "ls", "--recursive", "--sort", Deis1Names.prefix], timeoutSeconds: 60)
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: "Export the /deis configuration (etcd v2)", risk: .low, intent: .exportConfig,
            changes: [.init(what: "new file", from: "(none)", to: final)],
            commands: [], dryRunCommands: [],
            // Nothing to compare beforehand: the read itself fails (and nothing is kept) without /deis.
            preconditions: [], postconditions: [],
            local: .keepExport(command: read, partial: final + ".part", final: final, kind: Deis1Names.configExportKind,
                               jsonPath: ["node", "key"], expected: Deis1Names.prefix),
            notes: ["The file holds the whole /deis tree with its values, secrets included (the router's TLS key, the platform's SSH key): "
                    + "it is written mode 0600, read back, and never shown or logged. Runs: \(read.displayLine)"]
        ))
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
