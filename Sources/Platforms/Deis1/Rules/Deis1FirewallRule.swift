import ShipshapeCore
import EtcdRules
/// DEIS1-FIREWALL: the router's firewall is on (`/deis/router/firewall/enabled`, fixed with
/// deisctl); host firewalls live in each machine's iptables and stay a manual check.
public struct Deis1FirewallRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-FIREWALL", title: "Host and router firewalls are enabled", severity: .warning, platforms: [.deis1],
        seed: Deis1Seed.section("Review security considerations"),
        rationale: "The security considerations recommend a firewall on every CoreOS host (only the router, SSH and the builder port open to the world) and the router's own firewall (deisctl config router set firewall/enabled=true)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let host = finding(.manual, subject: "host firewalls",
                           "check by hand: a host firewall on every CoreOS machine (only 80/443, 2222 for the builder and SSH open); mark done when verified")
        let subject = Deis1Names.routerFirewallKey
        if let error = state.etcd.error ?? state.etcd.value?.keys.error { return [unreadable(error, subject: subject), host] }
        guard let keys = state.etcd.value?.keys.value else { return [host] }
        let value = keys[subject]
        guard value.text == "true" else {
            return [finding(.fail, subject: subject, "the router firewall is off (\(value.text ?? "unset"))",
                            fix: .setSetting(Deis1Names.setting(forKey: subject), from: value.text, to: "true")), host]
        }
        return [finding(.pass, subject: subject, "the router firewall is on"), host]
    }
}
