import Foundation
import ShipshapeCore
import PlatformKit
import EtcdPlatform

/// How a Deis v1 request becomes pins, as fleetctl and deisctl would resolve it themselves —
/// once, at start:
/// - fleetctl: the driver given (`--fleet-driver`, `FLEETCTL_DRIVER`, estate `fleetDriver`), else
///   fleetctl's own default, the API; the endpoint given, else fleetctl's default for that driver
///   (`unix:///var/run/fleet.sock`, or `http://127.0.0.1:2379,http://127.0.0.1:4001` for etcd;
///   `fleetctl/fleetctl.go`); the tunnel given (`FLEETCTL_TUNNEL`).
/// - etcd: the endpoints given; else, with the etcd driver, fleet's own endpoints (they *are*
///   the etcd cluster); else the local member.
/// - deisctl: the first etcd endpoint (deisctl takes exactly one) and `DEISCTL_TUNNEL`.
public enum Deis1Pins {
    public static let defaultAPIEndpoint = "unix:///var/run/fleet.sock"
    public static let defaultEtcdDriverEndpoint = "http://127.0.0.1:2379,http://127.0.0.1:4001"
    public static let defaultEtcdEndpoint = "http://127.0.0.1:2379"

    public static func pin(_ request: TargetRequest) throws -> (etcd: EtcdTarget, fleet: FleetTarget, deisctl: DeisctlTarget) {
        let wanted = request.fleet ?? TargetRequest.Fleet()
        var driver = FleetTarget.Driver.api
        if let flag = wanted.driver {
            guard let parsed = FleetTarget.Driver(flag: flag) else {
                throw PinError("fleet driver \"\(Sanitizer.line(flag, maxLength: 40))\" is neither API nor etcd (fleetctl --driver)")
            }
            driver = parsed
        }
        let endpoint = wanted.endpoint ?? (driver == .etcd ? defaultEtcdDriverEndpoint : defaultAPIEndpoint)
        let etcdRequest = request.etcd
            ?? TargetRequest.Etcd(endpoints: driver == .etcd ? EtcdTargets.split(endpoint) : [defaultEtcdEndpoint])
        let etcd = try EtcdTargets.pin(etcdRequest)
        let fleet = FleetTarget(endpoint: endpoint, driver: driver, tunnel: wanted.tunnel)
        return (etcd, fleet, deisctl(for: etcd, tunnel: wanted.deisctlTunnel))
    }

    public static func deisctl(for etcd: EtcdTarget, tunnel: String?) -> DeisctlTarget {
        DeisctlTarget(endpoint: etcd.endpoints.first ?? defaultEtcdEndpoint, tunnel: tunnel,
                      cafile: etcd.cacert, certfile: etcd.cert, keyfile: etcd.key)
    }
}
