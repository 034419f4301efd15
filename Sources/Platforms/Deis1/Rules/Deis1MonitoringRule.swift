import ShipshapeCore
import EtcdRules
/// DEIS1-MONITORING: a monitoring agent runs on every machine — a global fleet unit such as
/// cAdvisor, Datadog or Sematext, as the seed suggests.
public struct Deis1MonitoringRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-MONITORING", title: "A monitoring agent runs on every machine", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Configure logging and monitoring"),
        rationale: "Deis v1 ships no host monitoring. Run an agent on every machine as a global fleet unit (cAdvisor, Datadog, Sematext SPM, …) so a full disk or a starved host is seen before units start failing."
    )

    /// Agents by the names their fleet units go by.
    public static let agents = ["cadvisor", "datadog", "dd-agent", "sematext", "spm-agent", "newrelic", "sysdig", "telegraf",
                                "node-exporter", "node_exporter", "collectd", "netdata", "prometheus"]

    public init() {}

    public static func isAgent(_ unit: FleetUnit) -> Bool {
        let name = unit.baseName.lowercased()
        return agents.contains { name.contains($0) }
    }

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "monitoring"
        if let error = state.fleet.error { return [unreadable(error, subject: subject)] }
        guard let fleet = state.fleet.value else { return [] }
        guard !fleet.machines.isEmpty else { return [finding(.error, subject: subject, "cannot decide: fleet lists no active machines")] }
        let uncovered = fleet.machines.filter { machine in !fleet.units(on: machine).contains { Self.isAgent($0) && $0.isActive } }
        let names = Set(fleet.units.filter(Self.isAgent).map(\.baseName)).sorted()
        if uncovered.isEmpty {
            return [finding(.pass, subject: subject, "\(names.joined(separator: ", ")) active on all \(fleet.machines.count) machine(s)")]
        }
        if names.isEmpty {
            return [finding(.fail, subject: subject, "no monitoring agent unit (cAdvisor, Datadog, Sematext, …) on any machine; manual: submit one as a global unit (X-Fleet Global=true)")]
        }
        return [finding(.fail, subject: subject, "\(names.joined(separator: ", ")) not active on \(uncovered.count) machine(s): \(Deis1PlanesRule.list(uncovered.map(\.label))); run it as a global unit")]
    }
}
