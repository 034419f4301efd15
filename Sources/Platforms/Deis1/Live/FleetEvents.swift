import ShipshapeCore
import PlatformKit
import Deis1Rules

/// fleet events for watch mode: a machine that drops out of `list-machines` (its agent stopped, or
/// the machine is gone — fleet cannot tell which, so it rings like a node going NotReady), a
/// machine that appears, and the router count changing.
enum FleetEvents {
    static func events(_ old: ClusterState, _ new: ClusterState, _ make: WatchEvent.Make) -> [WatchEvent] {
        guard let before = old.fleet.value, let after = new.fleet.value else { return [] }
        var events: [WatchEvent] = []
        let was = Set(before.machines.map(\.id)), now = Set(after.machines.map(\.id))
        for machine in before.machines where !now.contains(machine.id) {
            events.append(make(.nodeNotReady, machine.label, "no longer listed by fleet (agent stopped or machine down)", nil))
        }
        for machine in after.machines where !was.contains(machine.id) {
            events.append(make(.nodeAdded, machine.label, "listed by fleet", nil))
        }
        let routers = { (state: FleetState) in state.units.filter { $0.baseName == Deis1Names.router && $0.isActive }.count }
        if routers(before) != routers(after) {
            events.append(make(.replicasChanged, Deis1Names.router, "active routers \(routers(before)) → \(routers(after))", nil))
        }
        return events
    }
}
