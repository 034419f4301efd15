import Foundation
import ShipshapeCore
import EtcdRules
/// DEIS1-LOGGING: logs leave the cluster — `/deis/logs/drain` names an external syslog or HTTPS
/// drain, or a log forwarder unit runs. deis-logger writes its *own* address into
/// `/deis/logs/host` (deis-logspout ships there), so that key alone proves nothing.
public struct Deis1LoggingRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-LOGGING", title: "Logs leave the cluster", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Configure logging and monitoring"),
        rationale: "deis-logspout ships every container's log to deis-logger, which keeps them on the store inside the cluster they describe. Drain them to your own syslog or HTTPS endpoint (deisctl config logs set drain=syslog://host:port), or run a forwarder."
    )

    /// Units that forward logs off the machines (known agents; names as their fleet units go).
    public static let forwarders = ["papertrail", "loggly", "logentries", "remote-syslog", "remote_syslog", "fluentd", "fluent-bit",
                                    "logstash", "sumologic", "splunk", "rsyslog", "syslog-ng", "logdna", "journal-forward"]

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = Deis1Names.logsDrainKey
        if let error = state.etcd.error ?? state.etcd.value?.keys.error { return [unreadable(error, subject: subject)] }
        guard let keys = state.etcd.value?.keys.value else { return [] }
        let fleet = state.fleet.value
        let machineIPs = Set(fleet?.machines.compactMap(\.ip) ?? [])
        if let drain = keys[Deis1Names.logsDrainKey].text {
            let host = URLComponents(string: drain)?.host ?? drain
            if machineIPs.contains(host) || host == "localhost" || host.hasPrefix("127.") {
                return [finding(.fail, subject: subject, "the drain \(drain) is a machine of this cluster: logs do not leave it")]
            }
            return [finding(.pass, subject: subject, "logs drain to \(drain)")]
        }
        let running = fleet?.units.filter { unit in unit.isActive && Self.forwarders.contains { unit.baseName.lowercased().contains($0) } } ?? []
        if let forwarder = running.first {
            return [finding(.pass, subject: subject, "no drain set, but \(forwarder.baseName) forwards logs")]
        }
        let host = keys[Deis1Names.logsHostKey].text.map { " (/deis/logs/host is \($0): deis-logger's own address, not a destination)" } ?? ""
        return [finding(.fail, subject: subject,
                        "no log drain and no forwarder unit: logs stay in the cluster\(host); manual: deisctl config logs set drain=syslog://HOST:PORT")]
    }
}
