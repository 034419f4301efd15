import ShipshapeCore
import EtcdRules
/// An active fleet machine: `fleetctl list-machines --full --fields=machine,ip,metadata`.
public struct FleetMachine: Sendable, Hashable {
    /// The full 32-hex machine ID.
    public var id: String
    /// `PublicIP`; nil when fleet printed `-`.
    public var ip: String?
    /// fleet metadata (`key=value` pairs from cloud-config `coreos.fleet.metadata`).
    public var metadata: [String: String]

    public init(id: String, ip: String?, metadata: [String: String] = [:]) {
        self.id = id
        self.ip = ip
        self.metadata = metadata
    }

    /// The first 8 characters, as fleetctl shows IDs without `--full`.
    public var shortID: String { String(id.prefix(8)) }

    /// `0f3e8b7a/10.0.1.11`: short and stable, for finding subjects and panes.
    public var label: String { ip.map { "\(shortID)/\($0)" } ?? shortID }

    /// True when `id` names this machine: the full ID, or a shortened legend
    /// (`0f3e8b7a...`) that is a prefix of it.
    public func matches(_ id: String) -> Bool {
        let bare = id.hasSuffix("...") ? String(id.dropLast(3)) : id
        return !bare.isEmpty && (bare == self.id || (bare.count < self.id.count && self.id.hasPrefix(bare)))
    }

    /// Deis v1 plane metadata (`controlPlane=true`, `dataPlane=true`, `routerMesh=true`).
    public var isControlPlane: Bool { metadata["controlPlane"] == "true" }
    public var isDataPlane: Bool { metadata["dataPlane"] == "true" }
    public var isRouterMesh: Bool { metadata["routerMesh"] == "true" }
    public var hasPlaneMetadata: Bool { isControlPlane || isDataPlane || isRouterMesh }

    /// `C D R` letters for narrow columns, `-` for a plane the machine does not carry.
    public var planeLetters: String {
        [isControlPlane ? "C" : "-", isDataPlane ? "D" : "-", isRouterMesh ? "R" : "-"].joined()
    }
}
