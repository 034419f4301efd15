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
        let silent = machines.filter { fleet?.value?.localEtcd[$0.id] == .silent }.count
        let sizing = Deis1EtcdSizing.judge(members: etcd.members.filter { !$0.isLearner }.count, machines: machines.count)
        var text = "\(machines.count) machine(s) · \(members) etcd member(s) · \(machines.count - members - silent) proxy(ies)"
        if silent > 0 { text += " · \(silent) without etcd" }
        let sized: Bool = if case .accepted = sizing { true } else { false }
        return [Cell(text, silent == 0 && sized ? .ok : .warning)]
    }

    /// member, proxy (answers on its localhost), none (nothing answers), or proxy? (not asked).
    func role(_ machine: FleetMachine) -> Cell {
        guard let etcd = etcd?.value else { return Cell("?", .dim) }
        if MachineEtcdRole.of(machine, in: etcd) == .member { return Cell("member") }
        switch fleet?.value?.localEtcd[machine.id] {
        case .answers?: return Cell("proxy", .dim)
        case .silent?: return Cell("none", .error)
        case .unreadable?: return Cell("proxy?", .warning)
        case nil: return Cell("proxy?", .dim)
        }
    }

    func etcdDetail(_ machine: FleetMachine) -> String {
        guard let etcd = etcd?.value else { return "unknown" }
        if MachineEtcdRole.of(machine, in: etcd) == .member { return "member" }
        switch fleet?.value?.localEtcd[machine.id] {
        case .answers(let port, let version)?: return "no member; a proxy answers on localhost:\(port) (\(version))"
        case .silent?: return "no member, and nothing answers on localhost:2379 or :4001"
        case .unreadable(let why)?: return "no member; could not ask its localhost: \(why)"
        case nil: return "no member (a proxy, by elimination)"
        }
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
                     "etcd:      \(etcdDetail(machine))", "", "Metadata:"]
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
