import ShipshapeCore
import EtcdRules
/// DEIS1-ETCD-SIZE: 3 or 5 etcd members; on larger clusters the rest run as proxies.
public struct Deis1EtcdSizeRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-ETCD-SIZE", title: "etcd runs on 3 or 5 machines", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Isolating etcd"),
        rationale: "Every etcd member takes part in each write and election; beyond five members consensus only gets slower. Keep 3 or 5 members and run an etcd proxy (coreos.etcd2.proxy: on) on the other machines."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "etcd members"
        if let error = state.etcd.error { return [unreadable(error, subject: subject)] }
        guard let etcd = state.etcd.value else { return [] }
        let members = etcd.members.filter { !$0.isLearner }.count
        let machines = state.fleet.value?.machines.count
        let onMachines = machines.map { " on \($0) machine(s)" } ?? ""
        if members < 3 {
            return [finding(.fail, subject: subject, "\(members) member(s)\(onMachines): fewer than 3 cannot lose one; run 3")]
        }
        if members % 2 == 0 {
            return [finding(.fail, subject: subject, "\(members) members\(onMachines): an even count tolerates no more failures than \(members - 1) and needs a larger quorum; run 3 or 5")]
        }
        if members > 5 {
            return [finding(.fail, subject: subject, "\(members) full members\(onMachines): keep 3 or 5 members and run the other machines as etcd proxies")]
        }
        if let machines, machines > members {
            return [finding(.pass, subject: subject, "\(members) members; the other \(machines - members) machine(s) are not members (proxies)")]
        }
        return [finding(.pass, subject: subject, "\(members) members\(onMachines)")]
    }
}
