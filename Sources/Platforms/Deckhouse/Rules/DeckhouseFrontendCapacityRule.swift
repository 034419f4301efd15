import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-FRONTEND-CAPACITY: each frontend node can carry the whole ingress load when another one
/// fails. The load is what the ingress controllers' pods request together (one pod per
/// frontend node and controller); with N frontends, the N−1 that remain must carry it, so each
/// needs a 1/(N−1) share: all of it with two, one and a half times its own with three.
public struct DeckhouseFrontendCapacityRule: Rule {
    public let info = RuleInfo(
        id: "DH-FRONTEND-CAPACITY", title: "Each frontend node can carry the load if another fails", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Frontend nodes"),
        rationale: "Frontend nodes must keep handling traffic when one fails: with two, each carries the whole load; with three, each one and a half times its share. Size them against the ingress controllers' requests."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "frontend capacity"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.nodes, subject: subject) { _ in
                let frontends = deckhouse.nodes(with: .frontend)
                guard frontends.count >= 2 else {
                    return [finding(.notApplicable, subject: subject, "\(frontends.count) frontend node(s): nothing takes over when one fails (DH-FRONTEND)")]
                }
                return withSection(deckhouse.ingressPods, subject: subject) { pods in
                    [judge(frontends, pods: pods, subject: subject)]
                }
            }
        }
    }

    func judge(_ frontends: [DeckhouseNode], pods: [DeckhouseIngressPod], subject: String) -> Finding {
        guard !pods.isEmpty else {
            return finding(.manual, subject: subject, "no ingress controller pod in d8-ingress-nginx: check by hand that each frontend node can carry the whole load")
        }
        let unstated = pods.filter { $0.cpuRequestMillis == nil && $0.memoryRequestBytes == nil }
        guard unstated.isEmpty else {
            return finding(.manual, subject: subject, "\(unstated.map(\.name).joined(separator: ", ")) request(s) no CPU or memory (VPA mode?): no figures to size the frontends by; check by hand")
        }
        let cpu = pods.compactMap(\.cpuRequestMillis).reduce(0, +)
        let memory = pods.compactMap(\.memoryRequestBytes).reduce(0, +)
        let survivors = frontends.count - 1
        let needCPU = (cpu + survivors - 1) / survivors
        let needMemory = (memory + Int64(survivors) - 1) / Int64(survivors)
        let load = "\(pods.count) ingress pod(s) request \(Self.cpu(cpu)) CPU / \(Self.gib(memory))"
        let share = "\(Self.cpu(needCPU)) CPU / \(Self.gib(needMemory)) " + (survivors == 1 ? "on the one that remains" : "on each of the \(survivors) that remain")
        let unknown = frontends.filter { $0.cpuMillis == nil || $0.memoryBytes == nil }
        if !unknown.isEmpty {
            return finding(.manual, subject: subject, "\(unknown.map(\.name).joined(separator: ", ")) report(s) no capacity: check by hand that it fits \(share) (\(load))")
        }
        let short = frontends.filter { ($0.cpuMillis ?? 0) < needCPU || ($0.memoryBytes ?? 0) < needMemory }
        if short.isEmpty {
            return finding(.pass, subject: subject, "\(load); if a frontend fails, \(share) — every frontend node has that")
        }
        let list = short.map { "\($0.name) (\(Self.cpu($0.cpuMillis ?? 0)) CPU / \(Self.gib($0.memoryBytes ?? 0)))" }.joined(separator: ", ")
        return finding(.fail, subject: subject, "\(load); if a frontend fails, \(share), which \(list) cannot carry: give the frontends more capacity, or add one")
    }

    static func cpu(_ millis: Int) -> String {
        millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
    }

    static func gib(_ bytes: Int64) -> String {
        let mib = Double(bytes) / 1_048_576
        return mib < 1024 ? "\(Int(mib.rounded())) MiB" : String(format: "%.1f GiB", mib / 1024)
    }
}
