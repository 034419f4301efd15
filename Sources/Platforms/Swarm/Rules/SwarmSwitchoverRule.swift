import ShipshapeCore
/// SWARM-SWITCHOVER: the production switchover checklist, one finding per step. The DNS step
/// is checked: the A record the estate file names (`labels: {switchover-dns: NAME}`) is
/// resolved by the probe and must point at a manager. The dump restore and the announced
/// maintenance window cannot be seen from docker: manual, each marked done with `m`.
public struct SwarmSwitchoverRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-SWITCHOVER", title: "Production switchover checklist is done", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Production switchover"),
        rationale: "Before moving production: test restoring a database dump into the new environment, point the DNS A record at the manager 48 hours ahead (the load balancer is pinned to the manager), and announce a maintenance window of at least 2 hours."
    )

    public init() {}

    public static let dumpSubject = "switchover: database dump restored"
    public static let dnsSubject = "switchover: DNS A record"
    public static let windowSubject = "switchover: maintenance window"

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: Self.dnsSubject) { swarm in
            [finding(.manual, subject: Self.dumpSubject,
                     "confirm by hand that a database dump from the current environment was restored into this one; m marks it done"),
             dns(swarm),
             finding(.manual, subject: Self.windowSubject,
                     "confirm by hand that a maintenance window of at least 2 hours was announced to the users; m marks it done")]
        }
    }

    func dns(_ swarm: SwarmState) -> Finding {
        let managers = swarm.managers.map { "\(swarm.label(for: $0)) \($0.address)" }.joined(separator: ", ")
        guard let answer = swarm.switchoverDNS else {
            return finding(.manual, subject: Self.dnsSubject,
                           "name the record in the estate file (labels: {\(SwarmDNSAnswer.label): app.example.com}) to have it checked, or confirm by hand that the A record points at the manager (\(managers)) 48 h ahead")
        }
        switch answer.outcome {
        case .failed(let why):
            return finding(.error, subject: Self.dnsSubject, "cannot decide: resolving \(answer.hostname) failed: \(why)")
        case .unresolved:
            return finding(.fail, subject: Self.dnsSubject, "\(answer.hostname) does not resolve: map its A record to the manager (\(managers)) 48 h before the switchover")
        case .addresses(let addresses):
            let managerAddresses = Set(swarm.managers.map(\.address))
            if let hit = addresses.first(where: managerAddresses.contains), let manager = swarm.managers.first(where: { $0.address == hit }) {
                return finding(.pass, subject: Self.dnsSubject,
                               "\(answer.hostname) resolves to \(hit), manager \(swarm.label(for: manager)); keep it so 48 h before the switchover")
            }
            return finding(.fail, subject: Self.dnsSubject,
                           "\(answer.hostname) resolves to \(addresses.joined(separator: ", ")), not to a manager (\(managers)): the load balancer is pinned to the manager, point the A record there 48 h ahead")
        }
    }
}
