import ShipshapeCore
import EtcdRules
/// fleet's view of a CoreOS cluster: the active machines, the units loaded on them,
/// and (read over `fleetctl ssh`) the Docker images each machine holds and whether etcd
/// answers on its localhost.
public struct FleetState: Sendable, Equatable {
    /// In the order fleetctl listed them.
    public var machines: [FleetMachine]
    /// In the order fleetctl listed them (fleet sorts by unit name, then machine ID).
    public var units: [FleetUnit]
    /// Image references (`repo:tag`) per machine ID; a machine that could not be read
    /// has a `.failed` entry, one whose images were not read has none.
    public var images: [String: Loaded<[String]>]
    /// Per machine ID, what its localhost answered for etcd; only machines that are no etcd
    /// member are asked (a member answers by definition).
    public var localEtcd: [String: LocalEtcdAnswer]

    public init(machines: [FleetMachine] = [], units: [FleetUnit] = [], images: [String: Loaded<[String]>] = [:],
                localEtcd: [String: LocalEtcdAnswer] = [:]) {
        self.machines = machines
        self.units = units
        self.images = images
        self.localEtcd = localEtcd
    }

    public func machine(id: String) -> FleetMachine? {
        machines.first { $0.id == id }
    }

    /// Units fleet placed on the machine (unit legends may carry a shortened ID).
    public func units(on machine: FleetMachine) -> [FleetUnit] {
        units.filter { $0.machineID.map(machine.matches) ?? false }
    }

    /// The machine a unit runs on, if fleet placed it on one it still lists.
    public func machine(of unit: FleetUnit) -> FleetMachine? {
        guard let id = unit.machineID else { return nil }
        return machines.first { $0.matches(id) }
    }
}
