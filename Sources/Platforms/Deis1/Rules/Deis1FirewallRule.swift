import ShipshapeCore
import EtcdRules
/// DEIS1-FIREWALL: host and router firewalls. Cannot be read from fleet or etcd as a
/// whole (host firewalls live in each machine's iptables), so it is a manual check.
public struct Deis1FirewallRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-FIREWALL", title: "Host and router firewalls are enabled", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Review security considerations"),
        rationale: "The security considerations recommend a firewall on every CoreOS host (only the router, SSH and the builder port open to the world) and the router's own firewall."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let routerFirewall = state.etcd.value?.keys.value?[Deis1Names.routerFirewallKey]
        let seen = routerFirewall.map { "; router firewall (\(Deis1Names.routerFirewallKey)) is \($0.display)" } ?? ""
        return [finding(.manual, subject: "firewalls",
                        "check by hand: a host firewall on every CoreOS machine, and the router firewall enabled (deisctl config router set firewall/enabled=true)\(seen); mark done when verified")]
    }
}
