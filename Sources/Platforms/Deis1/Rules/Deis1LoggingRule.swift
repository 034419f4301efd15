import ShipshapeCore
import EtcdRules
/// DEIS1-LOGGING: platform logs go to an external syslog, not only to the in-cluster logger.
public struct Deis1LoggingRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-LOGGING", title: "Logs go to an external syslog", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Configure logging and monitoring"),
        rationale: "deis-logspout ships every container's logs to /deis/logs/host. Left to the in-cluster deis-logger, they live on Ceph in the cluster they describe; point it at your own syslog (deisctl config logs set host=… port=…)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = Deis1Names.logsHostKey
        if let error = state.etcd.error ?? state.etcd.value?.keys.error { return [unreadable(error, subject: subject)] }
        guard let keys = state.etcd.value?.keys.value else { return [] }
        guard let host = keys[Deis1Names.logsHostKey].text else {
            return [finding(.fail, subject: subject, "no log host set: logs stay in the cluster; set an external syslog host and port")]
        }
        let port = keys[Deis1Names.logsPortKey].text.map { ":\($0)" } ?? ""
        let machineIPs = Set(state.fleet.value?.machines.compactMap(\.ip) ?? [])
        if machineIPs.contains(host) || host == "localhost" || host.hasPrefix("127.") {
            return [finding(.fail, subject: subject, "logs go to \(host)\(port), a machine of this cluster (deis-logger); point them at an external syslog")]
        }
        return [finding(.pass, subject: subject, "logs go to \(host)\(port)")]
    }
}
