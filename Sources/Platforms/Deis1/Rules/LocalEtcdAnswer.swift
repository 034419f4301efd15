import ShipshapeCore
import EtcdRules
/// What a machine's own localhost said when asked for etcd (`fleetctl ssh MACHINE curl -s
/// localhost:2379/version`, then 4001): a machine that is no member needs an etcd proxy there,
/// or nothing on it (fleet, confd, deisctl's units) reaches etcd.
public enum LocalEtcdAnswer: Sendable, Hashable {
    /// etcd (member or proxy) answered on this port with this version document.
    case answers(port: Int, version: String)
    /// Nothing listens on either port (curl's exit 7).
    case silent
    /// The machine could not be asked (SSH failed); the reason.
    case unreadable(String)
}
