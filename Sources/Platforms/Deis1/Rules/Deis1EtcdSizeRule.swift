import ShipshapeCore
import EtcdRules
/// DEIS1-ETCD-SIZE: 3 to 5 machines may run etcd on every machine; larger clusters keep 3 or 5
/// members and run proxies on the rest (DEIS1-ETCD-PROXY checks those answer).
public struct Deis1EtcdSizeRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-ETCD-SIZE", title: "etcd is sized for the cluster", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Isolating etcd"),
        rationale: "Every etcd member takes part in each write and election; beyond five members consensus only gets slower. Up to five machines etcd may run on all of them; beyond that keep 3 or 5 members and run an etcd proxy (coreos.etcd2.proxy: on) on the other machines."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "etcd members"
        if let error = state.etcd.error { return [unreadable(error, subject: subject)] }
        guard let etcd = state.etcd.value else { return [] }
        let members = etcd.members.filter { !$0.isLearner }.count
        switch Deis1EtcdSizing.judge(members: members, machines: state.fleet.value?.machines.count) {
        case .accepted(let why): return [finding(.pass, subject: subject, why)]
        case .rejected(let why): return [finding(.fail, subject: subject, why + " (manual: cloud-config etcd2 settings)")]
        }
    }
}
