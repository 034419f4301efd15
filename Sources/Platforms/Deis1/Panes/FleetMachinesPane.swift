import ShipshapeCore
import PaneKit
import Deis1Rules
import EtcdRules
import EtcdPanes

/// Deis v1 nodes: fleet machines with their plane metadata, etcd role and units.
public enum FleetMachinesPane {
    /// Each machine's units, found once per state (fleet names a unit's machine by a full
    /// or shortened ID): `FleetState.units(on:)` per row would read every unit per machine.
    struct UnitIndex: Sendable {
        var units: [String: [FleetUnit]] = [:]

        init(_ fleet: FleetState?) {
            guard let fleet else { return }
            let byPrefix = Dictionary(grouping: fleet.machines) { $0.shortID }
            for unit in fleet.units {
                guard let id = unit.machineID else { continue }
                let bare = id.hasSuffix("...") ? String(id.dropLast(3)) : id
                let candidates = bare.count >= 8 ? byPrefix[String(bare.prefix(8))] ?? [] : fleet.machines
                for machine in candidates where machine.matches(id) { units[machine.id, default: []].append(unit) }
            }
        }

        func units(on machine: FleetMachine) -> [FleetUnit] { units[machine.id] ?? [] }
    }

    public static func source(fleet: Loaded<FleetState>?, etcd: Loaded<EtcdState>?) -> ListSource<FleetMachine> {
        let state = fleet?.value, members = etcd?.value
        let index = UnitIndex(state)
        let columns: [ListColumn<FleetMachine>] = [
            ListColumn("MACHINE", .fit(max: 12)) { Cell($0.shortID) },
            ListColumn("IP", .fit(max: 15)) { Cell($0.ip ?? "-", .dim) },
            ListColumn("PLANES", .fit(max: 6)) { Cell($0.planeLetters, $0.hasPlaneMetadata ? .normal : .warning) },
            ListColumn("ETCD", .fit(max: 6)) { role($0, in: members, fleet: state) },
            ListColumn("UNITS", .slack(min: 12)) { units($0, in: index) },
        ]
        return ListSource(title: "Nodes", columns: columns, section: fleet, rows: \.machines, empty: "fleet lists no active machines", summary: { fleet in
            let machines = fleet.machines
            guard let members else { return [Cell("\(machines.count) machine(s) · etcd roles unknown", .dim)] }
            let count = machines.filter { MachineEtcdRole.of($0, in: members) == .member }.count
            let silent = machines.filter { fleet.localEtcd[$0.id] == .silent }.count
            let sizing = Deis1EtcdSizing.judge(members: members.members.filter { !$0.isLearner }.count, machines: machines.count)
            var text = "\(machines.count) machine(s) · \(count) etcd member(s) · \(machines.count - count - silent) proxy(ies)"
            if silent > 0 { text += " · \(silent) without etcd" }
            let sized: Bool = if case .accepted = sizing { true } else { false }
            return [Cell(text, silent == 0 && sized ? .ok : .warning)]
        }, details: { details($0, fleet: state, etcd: members) })
    }

    /// member, proxy (answers on its localhost), none (nothing answers), or proxy? (not asked).
    static func role(_ machine: FleetMachine, in etcd: EtcdState?, fleet: FleetState?) -> Cell {
        guard let etcd else { return Cell("?", .dim) }
        if MachineEtcdRole.of(machine, in: etcd) == .member { return Cell("member") }
        switch fleet?.localEtcd[machine.id] {
        case .answers?: return Cell("proxy", .dim)
        case .silent?: return Cell("none", .error)
        case .unreadable?: return Cell("proxy?", .warning)
        case nil: return Cell("proxy?", .dim)
        }
    }

    static func etcdDetail(_ machine: FleetMachine, etcd: EtcdState?, fleet: FleetState?) -> String {
        guard let etcd else { return "unknown" }
        if MachineEtcdRole.of(machine, in: etcd) == .member { return "member" }
        switch fleet?.localEtcd[machine.id] {
        case .answers(let port, let version)?: return "no member; a proxy answers on localhost:\(port) (\(version))"
        case .silent?: return "no member, and nothing answers on localhost:2379 or :4001"
        case .unreadable(let why)?: return "no member; could not ask its localhost: \(why)"
        case nil: return "no member (a proxy, by elimination)"
        }
    }

    static func units(_ machine: FleetMachine, in index: UnitIndex) -> Cell {
        let units = index.units(on: machine)
        let failing = units.contains { !$0.isActive }
        let names = units.map { unit in
            let short = unit.name.hasPrefix("deis-") ? String(unit.name.dropFirst(5)) : unit.name
            let bare = short.hasSuffix(".service") ? String(short.dropLast(8)) : short
            return unit.isActive ? bare : "\(bare)(\(unit.active))"
        }
        return Cell(names.isEmpty ? "-" : names.joined(separator: ","), failing ? .error : .normal)
    }

    static func details(_ machine: FleetMachine, fleet: FleetState?, etcd: EtcdState?) -> (title: String, lines: [String]) {
        var lines = ["Machine:   \(machine.id)", "IP:        \(machine.ip ?? "-")",
                     "Planes:    \(machine.planeLetters)  (C control, D data, R router mesh)",
                     "etcd:      \(etcdDetail(machine, etcd: etcd, fleet: fleet))", "", "Metadata:"]
        lines += machine.metadata.isEmpty ? ["  (none)"] : machine.metadata.sorted { $0.key < $1.key }.map { "  \($0.key)=\($0.value)" }
        lines += ["", "Units:"]
        let units = fleet?.units(on: machine) ?? []
        lines += units.isEmpty ? ["  (none)"] : units.map { "  \($0.name)  \($0.active)/\($0.sub)" }
        switch fleet?.images[machine.id] {
        case .loaded(let images)?: lines += ["", "Images:    \(images.count) held (\(images.filter { $0.hasPrefix("deis/") }.count) Deis)"]
        case .failed(let error)?: lines += ["", "Images:    unreadable — \(error.message)"]
        default: break
        }
        return (machine.label, lines)
    }
}
