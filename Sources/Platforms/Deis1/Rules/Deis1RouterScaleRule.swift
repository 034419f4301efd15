import ShipshapeCore
import EtcdRules
/// DEIS1-ROUTER-SCALE: at least two routers, active, on different machines.
public struct Deis1RouterScaleRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-ROUTER-SCALE", title: "Routers are scaled out", severity: .error, platforms: [.deis1],
        seed: Deis1Seed.section("Isolating the Planes (router mesh)"),
        rationale: "Every app request enters through deis-router; one router on one machine is a single point of failure. Run deis-router@N units on at least two machines (deisctl scale router=N, or fleetctl start deis-router@N.service)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = Deis1Names.router
        if let error = state.fleet.error { return [unreadable(error, subject: subject)] }
        guard let fleet = state.fleet.value else { return [] }
        let routers = fleet.units.filter { $0.baseName == Deis1Names.router }
        let active = routers.filter(\.isActive)
        let machines = Set(active.compactMap { fleet.machine(of: $0)?.id ?? $0.machineID })
        let want = policy.minRouterReplicas
        if active.count >= want, machines.count >= min(want, 2) {
            return [finding(.pass, subject: subject, "\(active.count) active router(s) on \(machines.count) machine(s)")]
        }
        let summary = "\(active.count) active router(s) on \(machines.count) machine(s), want at least \(want) on different machines"
        if routers.count > active.count {
            let idle = routers.filter { !$0.isActive }.map { "\($0.name) \($0.active)/\($0.sub)" }
            return [finding(.fail, subject: subject, "\(summary); not active: \(Deis1PlanesRule.list(idle)) — look at those first")]
        }
        // The router template conflicts with itself, so fleet places a new instance on a
        // machine without one; with placement options on, only routerMesh machines qualify.
        let meshOnly = fleet.machines.contains(where: \.isRouterMesh)
        let free = fleet.machines.filter { machine in
            (!meshOnly || machine.isRouterMesh) && !routers.contains { $0.machineID.map(machine.matches) ?? false }
        }
        guard !free.isEmpty else {
            return [finding(.fail, subject: subject, "\(summary); every \(meshOnly ? "routerMesh " : "")machine already runs one — add a machine")]
        }
        return [finding(.fail, subject: subject, summary, fix: .scale(workload: Deis1Names.routerComponent, from: routers.count,
                                                                      to: max(want, routers.count + 1)))]
    }
}
