import ShipshapeCore
import PaneKit
import Deis1Rules
import EtcdRules
import EtcdPanes

/// Deis v1 router scale: the `deis-router@N` units, where each runs and its state.
public enum FleetRouterPane {
    public static func source(fleet: Loaded<FleetState>?, minimum: Int) -> ListSource<FleetUnit> {
        let state = fleet?.value
        let columns: [ListColumn<FleetUnit>] = [
            ListColumn("UNIT", .slack(min: 12)) { Cell($0.name) },
            ListColumn("MACHINE", .fit(max: 26)) { Cell(machineLabel($0, in: state), .dim) },
            ListColumn("ACTIVE", .fit(max: 12)) { Cell($0.active, $0.isActive ? .ok : .error) },
            ListColumn("SUB", .fit(max: 10)) { Cell($0.sub, .dim) },
        ]
        return ListSource(title: "Router scale", columns: columns, section: fleet, rows: { $0.units.filter { $0.baseName == Deis1Names.router } },
                          empty: "no deis-router units", summary: { fleet in
            let active = fleet.units.filter { $0.baseName == Deis1Names.router && $0.isActive }
            let machines = Set(active.compactMap(\.machineID)).count
            let healthy = active.count >= minimum && machines >= min(minimum, 2)
            return [Cell("deis-router  \(active.count) active on \(machines) machine(s) · want ≥\(minimum)", healthy ? .ok : .error)]
        }, details: { unit in
            (unit.name, ["Unit:     \(unit.name)", "Machine:  \(unit.machineID ?? "-")", "IP:       \(unit.machineIP ?? "-")",
                         "State:    \(unit.active)/\(unit.sub)"])
        })
    }

    static func machineLabel(_ unit: FleetUnit, in fleet: FleetState?) -> String {
        if let machine = fleet?.machine(of: unit) { return machine.label }
        return unit.machineID.map { String($0.prefix(8)) + (unit.machineIP.map { "/\($0)" } ?? "") } ?? "-"
    }
}
