import ShipshapeCore
import EtcdRules
/// DEIS1-PLANES: control plane, data plane and router mesh on their own machines.
public struct Deis1PlanesRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-PLANES", title: "Planes are isolated", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Isolating the Planes"),
        rationale: "With the default cloud-config every machine is in every plane, so an app can starve the controller or database. Give machines controlPlane=true, dataPlane=true or routerMesh=true in coreos.fleet.metadata and set `deisctl config platform set enablePlacementOptions=true`."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
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
