import ShipshapeCore
import EtcdRules
/// A unit loaded on a machine: `fleetctl list-units --full --fields=unit,machine,active,sub`.
public struct FleetUnit: Sendable, Hashable {
    public var name: String
    /// Machine ID from the legend (`ID/IP`), nil when fleet printed `-`.
    public var machineID: String?
    public var machineIP: String?
    /// systemd ActiveState (`active`, `inactive`, `failed`, `activating`, …).
    public var active: String
    /// systemd SubState (`running`, `dead`, `failed`, `exited`, …).
    public var sub: String

    public init(name: String, machineID: String?, machineIP: String?, active: String, sub: String) {
        self.name = name
        self.machineID = machineID
        self.machineIP = machineIP
        self.active = active
        self.sub = sub
    }

    public var isActive: Bool { active == "active" }

    /// `deis-router@2.service` → `deis-router`; `deis-builder.service` → `deis-builder`.
    public var baseName: String {
        var base = name.hasSuffix(".service") ? String(name.dropLast(8)) : name
        if let at = base.firstIndex(of: "@") { base = String(base[..<at]) }
        return base
    }

    /// The instance of a template unit: `deis-router@2.service` → 2.
    public var instance: String? {
        guard let at = name.firstIndex(of: "@") else { return nil }
        let rest = name[name.index(after: at)...]
        return String(rest.hasSuffix(".service") ? rest.dropLast(8) : rest)
    }
}
