import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// The Deis v1 demo (fleet + etcd v2 + deisctl): the real probes, rules and fixes, answered by
/// an etcd, a fleet and a deisctl sandbox built from `Deis1Scenario`, reached the Deis v1 way —
/// fleetctl `--driver=etcd` against the etcd member, deisctl `--endpoint=` the same member.
enum Deis1Demo {
    static let json = Deis1Scenario.json
    static let etcdEndpoint = "http://10.0.1.11:2379"
    static let fleetEndpoint = etcdEndpoint

    static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        let etcd = EtcdTarget(endpoints: [etcdEndpoint])
        let fleet = FleetTarget(endpoint: fleetEndpoint, driver: .etcd)
        let deisctl = DeisctlTarget(endpoint: etcdEndpoint)
        let etcdSandbox = try EtcdSandbox(scenarioJSON: json, pinnedEndpoints: etcd.endpoints)
        let fleetSandbox = try FleetSandbox(scenarioJSON: json, pinnedEndpoint: fleet.endpoint)
        let runner = SandboxRunner(tools: [
            "etcdctl": etcdSandbox,
            "fleetctl": fleetSandbox,
            "deisctl": DeisctlSandbox(etcd: etcdSandbox, fleet: fleetSandbox, pinnedEndpoint: deisctl.endpoint),
        ], latencyMilliseconds: latencyMilliseconds)
        return Deis1Adapter(target: Target(name: "demo-deis-v1", platform: .deis1), etcd: etcd, fleet: fleet, deisctl: deisctl, runner: runner)
    }
}
