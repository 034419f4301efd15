import ShipshapeCore
import PaneKit
import Deis1Rules
import EtcdRules
import EtcdPanes

/// Deis v1 nodes: fleet machines with their plane metadata, etcd role and units.
struct FleetMachinesPaneSource: PaneSource {
    let fleet: Loaded<FleetState>?
    let etcd: Loaded<EtcdState>?

    var title: String { "Nodes" }
    var columns: [Column] {
        [Column("MACHINE", width: 8), Column("IP", width: 15), Column("PLANES", width: 6), Column("ETCD", width: 6), Column("UNITS")]
    }
    var machines: [FleetMachine] { fleet?.value?.machines ?? [] }
    var rowCount: Int { machines.count }
    var errorText: String? { fleet?.error?.message }
    var emptyText: String { fleet == nil ? "loading…" : "fleet lists no active machines" }

    var summary: [Cell]? {
        guard let machines = fleet?.value?.machines else { return nil }
        guard let etcd = etcd?.value else { return [Cell("\(machines.count) machine(s) · etcd roles unknown", .dim)] }
        let members = machines.filter { MachineEtcdRole.of($0, in: etcd) == .member }.count
        return [Cell("\(machines.count) machine(s) · \(members) etcd member(s) · \(machines.count - members) proxy(ies)",
                     members == 3 || members == 5 ? .ok : .warning)]
    }

    func role(_ machine: FleetMachine) -> Cell {
        guard let etcd = etcd?.value else { return Cell("?", .dim) }
        let role = MachineEtcdRole.of(machine, in: etcd)
        return Cell(role.rawValue, role == .member ? .normal : .dim)
    }

    func units(_ machine: FleetMachine) -> [FleetUnit] {
        fleet?.value?.units(on: machine) ?? []
    }

    func row(at index: Int) -> [Cell] {
        let machine = machines[index]
        let units = units(machine)
        let failing = units.contains { !$0.isActive }
        let names = units.map { unit in
            let short = unit.name.hasPrefix("deis-") ? String(unit.name.dropFirst(5)) : unit.name
            let bare = short.hasSuffix(".service") ? String(short.dropLast(8)) : short
            return unit.isActive ? bare : "\(bare)(\(unit.active))"
        }
        return [Cell(machine.shortID), Cell(machine.ip ?? "-", .dim),
                Cell(machine.planeLetters, machine.hasPlaneMetadata ? .normal : .warning), role(machine),
                Cell(names.isEmpty ? "-" : names.joined(separator: ","), failing ? .error : .normal)]
    }

    func details(at index: Int) -> (title: String, lines: [String])? {
        guard machines.indices.contains(index) else { return nil }
        let machine = machines[index]
        var lines = ["Machine:   \(machine.id)", "IP:        \(machine.ip ?? "-")",
                     "Planes:    \(machine.planeLetters)  (C control, D data, R router mesh)",
                     "etcd:      \(etcd?.value.map { MachineEtcdRole.of(machine, in: $0).rawValue } ?? "unknown")", "", "Metadata:"]
        lines += machine.metadata.isEmpty ? ["  (none)"] : machine.metadata.sorted { $0.key < $1.key }.map { "  \($0.key)=\($0.value)" }
        lines += ["", "Units:"]
        let units = units(machine)
        lines += units.isEmpty ? ["  (none)"] : units.map { "  \($0.name)  \($0.active)/\($0.sub)" }
        switch fleet?.value?.images[machine.id] {
        case .loaded(let images)?: lines += ["", "Images:    \(images.count) held (\(images.filter { $0.hasPrefix("deis/") }.count) Deis)"]
        case .failed(let error)?: lines += ["", "Images:    unreadable — \(error.message)"]
        default: break
        }
        return (machine.label, lines)
    }
}
