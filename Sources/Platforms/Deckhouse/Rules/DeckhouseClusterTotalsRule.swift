import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-CLUSTER-TOTALS: the infrastructure nodes (master, frontend, system, monitoring) together
/// have the resources the guide estimates: a regular cluster at least 24 CPU and 48 GB, a
/// high-load one (with dedicated monitoring nodes, or marked so by the policy) 28 and 64.
public struct DeckhouseClusterTotalsRule: Rule {
    public let info = RuleInfo(
        id: "DH-CLUSTER-TOTALS", title: "Infrastructure nodes add up to the guide's totals", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Resource requirements"),
        rationale: "3 masters, 2 frontends and 2 system nodes need at least 24 CPUs and 48 GB of RAM together; with 2 monitoring nodes (high load), 28 CPUs and 64 GB. Worker nodes come on top."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "infrastructure nodes"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.nodes, subject: subject) { nodes in
                let infra = nodes.filter { !$0.roles.isEmpty }
                guard !infra.isEmpty else {
                    return [finding(.notApplicable, subject: subject, "no node carries a master, frontend, monitoring or system role")]
                }
                let highLoad = policy.deckhouseHighLoad || infra.contains { $0.has(.monitoring) }
                let wantCPU = highLoad ? policy.deckhouseHighLoadClusterMinCPUs : policy.deckhouseClusterMinCPUs
                let wantGB = highLoad ? policy.deckhouseHighLoadClusterMinMemoryGB : policy.deckhouseClusterMinMemoryGB
                let unknown = infra.filter { $0.cpuMillis == nil || $0.memoryBytes == nil }
                guard unknown.count < infra.count else {
                    return [finding(.manual, subject: subject, "no infrastructure node reports its CPU and memory: add them up by hand (want \(wantCPU) CPU / \(wantGB) GB)")]
                }
                let cpu = Double(infra.compactMap(\.cpuMillis).reduce(0, +)) / 1000
                let gb = Double(infra.compactMap(\.memoryBytes).reduce(0, +)) / 1e9
                let kind = highLoad ? "a high-load cluster (dedicated monitoring nodes)" : "a regular cluster"
                let have = "\(infra.count) infrastructure node(s) have \(Self.number(cpu)) CPU / \(Self.number(gb)) GB"
                let missing = unknown.isEmpty ? "" : "; \(unknown.map(\.name).joined(separator: ", ")) report(s) no figures and count as nothing"
                if cpu + 0.001 >= Double(wantCPU) && gb + 0.001 >= Double(wantGB) {
                    return [finding(.pass, subject: subject, "\(have): enough for \(kind) (\(wantCPU) / \(wantGB))\(missing)")]
                }
                return [finding(.fail, subject: subject, "\(have): \(kind) needs at least \(wantCPU) CPU / \(wantGB) GB\(missing)")]
            }
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
