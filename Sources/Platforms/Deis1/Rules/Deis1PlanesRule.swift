import ShipshapeCore
import EtcdRules
/// DEIS1-PLANES: control plane, data plane and router mesh on their own machines, and
/// `/deis/platform/enablePlacementOptions` on — without it Deis ≥ 1.10 ignores the metadata.
public struct Deis1PlanesRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-PLANES", title: "Planes are isolated", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Isolating the Planes"),
        rationale: "With the default cloud-config every machine is in every plane, so an app can starve the controller or database. Give machines controlPlane=true, dataPlane=true or routerMesh=true in coreos.fleet.metadata and set `deisctl config platform set enablePlacementOptions=true`."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        placement(state) + machines(state)
    }

    /// The key half: the only part a fix can change (`deisctl config platform set enablePlacementOptions=true`).
    func placement(_ state: ClusterState) -> [Finding] {
        let subject = Deis1Names.placementOptionsKey
        if let error = state.etcd.error ?? state.etcd.value?.keys.error { return [unreadable(error, subject: subject)] }
        guard let keys = state.etcd.value?.keys.value else { return [] }
        let value = keys[subject]
        guard value.text == "true" else {
            return [finding(.fail, subject: subject, "placement options are off (\(value.text ?? "unset")): deisctl schedules every unit ignoring the plane metadata",
                            fix: .setSetting(Deis1Names.setting(forKey: subject), from: value.text, to: "true"))]
        }
        return [finding(.pass, subject: subject, "placement options are on: units follow the plane metadata")]
    }

    func machines(_ state: ClusterState) -> [Finding] {
        let subject = "planes"
        if let error = state.fleet.error { return [unreadable(error, subject: subject)] }
        guard let fleet = state.fleet.value else { return [] }
        guard !fleet.machines.isEmpty else { return [finding(.error, subject: subject, "cannot decide: fleet lists no active machines")] }
        let unlabeled = fleet.machines.filter { !$0.hasPlaneMetadata }
        if !unlabeled.isEmpty {
            return [finding(.fail, subject: subject, "\(unlabeled.count) machine(s) carry no plane metadata (\(Self.list(unlabeled.map(\.label)))); needs cloud-config")]
        }
        let mixed = fleet.machines.compactMap { machine -> String? in
            let units = fleet.units(on: machine)
            guard let control = units.first(where: Deis1Names.isControlPlane), let data = units.first(where: Deis1Names.isDataPlane) else { return nil }
            return "\(machine.label) runs \(control.baseName) and \(data.baseName)"
        }
        if !mixed.isEmpty {
            return [finding(.fail, subject: subject, "control-plane and data-plane units share \(mixed.count) machine(s): \(Self.list(mixed)); needs cloud-config")]
        }
        let both = fleet.machines.filter { $0.isControlPlane && $0.isDataPlane }
        if !both.isEmpty {
            return [finding(.fail, subject: subject, "\(both.count) machine(s) are in both the control and the data plane (\(Self.list(both.map(\.label)))); needs cloud-config")]
        }
        let count = { (flag: (FleetMachine) -> Bool) in fleet.machines.filter(flag).count }
        return [finding(.pass, subject: subject, "control plane on \(count(\.isControlPlane)), data plane on \(count(\.isDataPlane)), router mesh on \(count(\.isRouterMesh)) machine(s)")]
    }

    /// At most three items, then a count: findings stay one readable line.
    static func list(_ items: [String]) -> String {
        items.count <= 3 ? items.joined(separator: ", ") : items.prefix(3).joined(separator: ", ") + " and \(items.count - 3) more"
    }
}
