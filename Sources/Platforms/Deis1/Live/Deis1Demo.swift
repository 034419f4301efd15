import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// The Deis v1 demo (fleet + etcd): the real probes, rules and fixes, answered by an
/// etcd and a fleet sandbox built from `Deis1Scenario`.
enum Deis1Demo {
    static let json = Deis1Scenario.json
    static let etcdEndpoint = "http://10.0.1.11:2379"
    static let fleetEndpoint = "unix:///var/run/fleet.sock"

    static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        let etcd = EtcdTarget(endpoints: [etcdEndpoint])
        let fleet = FleetTarget(endpoint: fleetEndpoint)
        let runner = SandboxRunner(tools: [
            "etcdctl": try EtcdSandbox(scenarioJSON: json, pinnedEndpoints: etcd.endpoints),
            "fleetctl": try FleetSandbox(scenarioJSON: json, pinnedEndpoint: fleet.endpoint),
        ], latencyMilliseconds: latencyMilliseconds)
        return Deis1Adapter(target: Target(name: "demo-deis-v1", platform: .deis1), etcd: etcd, fleet: fleet, runner: runner)
    }
}
