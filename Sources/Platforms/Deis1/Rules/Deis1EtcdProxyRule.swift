import ShipshapeCore
import EtcdRules
/// DEIS1-ETCD-PROXY: every machine that is no etcd member runs an etcd proxy answering on its
/// localhost, so fleet and the Deis units there reach etcd (reference/cli-formats.md §1.7: a proxy
/// is in no member list, so each such machine is asked itself).
public struct Deis1EtcdProxyRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-ETCD-PROXY", title: "Machines without a member run an etcd proxy", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Isolating etcd"),
        rationale: "Machines beyond the 3 or 5 members run etcd as a proxy (cloud-config coreos.etcd2.proxy: on); fleet, confd and the Deis units talk to etcd on localhost, so a machine without one cannot schedule or configure anything."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "etcd proxies"
        if let error = state.fleet.error ?? state.etcd.error { return [unreadable(error, subject: subject)] }
        guard let fleet = state.fleet.value, let etcd = state.etcd.value else { return [] }
        let outside = fleet.machines.filter { MachineEtcdRole.of($0, in: etcd) == .proxy }
        guard !outside.isEmpty else {
            return [finding(.pass, subject: subject, "every one of the \(fleet.machines.count) machine(s) is an etcd member")]
        }
        var findings: [Finding] = []
        var answering = 0
        for machine in outside {
            switch fleet.localEtcd[machine.id] {
            case .answers?:
                answering += 1
            case .silent?:
                findings.append(finding(.fail, subject: machine.label, "no etcd member and nothing answers on localhost:2379 or :4001: run an etcd proxy there (manual: cloud-config coreos.etcd2.proxy: on)"))
            case .unreadable(let why)?:
                findings.append(finding(.error, subject: machine.label, "cannot decide: \(why)"))
            case nil:
                findings.append(finding(.manual, subject: machine.label, "not asked: check by hand that an etcd proxy answers on its localhost:2379"))
            }
        }
        if findings.isEmpty {
            return [finding(.pass, subject: subject, "the \(answering) machine(s) that are no member answer etcd on localhost (proxies)")]
        }
        return findings
    }
}
