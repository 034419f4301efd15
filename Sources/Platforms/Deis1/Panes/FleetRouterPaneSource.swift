import ShipshapeCore
import PaneKit
import Deis1Rules
import EtcdRules
import EtcdPanes

/// Deis v1 router scale: the `deis-router@N` units, where each runs and its state.
struct FleetRouterPaneSource: PaneSource {
    let fleet: Loaded<FleetState>?
    let minimum: Int

    var title: String { "Router scale" }
    var columns: [Column] { [Column("UNIT"), Column("MACHINE", width: 20), Column("ACTIVE", width: 9), Column("SUB", width: 8)] }
    var routers: [FleetUnit] { (fleet?.value?.units ?? []).filter { $0.baseName == Deis1Names.router } }
    var rowCount: Int { routers.count }
    var errorText: String? { fleet?.error?.message }
    var emptyText: String { fleet == nil ? "loading…" : "no deis-router units" }

    var summary: [Cell]? {
        guard fleet?.value != nil else { return nil }
        let active = routers.filter(\.isActive)
        let machines = Set(active.compactMap(\.machineID)).count
        let healthy = active.count >= minimum && machines >= min(minimum, 2)
        return [Cell("deis-router  \(active.count) active on \(machines) machine(s) · want ≥\(minimum)", healthy ? .ok : .error)]
    }

    func machineLabel(_ unit: FleetUnit) -> String {
        if let machine = fleet?.value?.machine(of: unit) { return machine.label }
        return unit.machineID.map { String($0.prefix(8)) + (unit.machineIP.map { "/\($0)" } ?? "") } ?? "-"
    }

    func row(at index: Int) -> [Cell] {
        let unit = routers[index]
        return [Cell(unit.name), Cell(machineLabel(unit), .dim),
                Cell(unit.active, unit.isActive ? .ok : .error), Cell(unit.sub, .dim)]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard routers.indices.contains(index) else { return nil }
        let unit = routers[index]
        return (unit.name, ["Unit:     \(unit.name)", "Machine:  \(unit.machineID ?? "-")", "IP:       \(unit.machineIP ?? "-")",
                            "State:    \(unit.active)/\(unit.sub)"])
    }
}
