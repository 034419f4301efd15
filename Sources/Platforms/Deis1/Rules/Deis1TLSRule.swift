import ShipshapeCore
import EtcdRules
/// DEIS1-TLS: the router has a certificate and key, and redirects HTTP to HTTPS.
public struct Deis1TLSRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-TLS", title: "TLS is installed and enforced", severity: .error, platforms: [.deis1],
        seed: Deis1Seed.section("Enable TLS"),
        rationale: "Without a router certificate, client traffic — login credentials included — crosses the network in clear. Install one with `deisctl config router set sslKey=<path> sslCert=<path>`, then `deisctl config router set enforceHTTPS=true`."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "deis-router TLS"
        if let error = state.etcd.error ?? state.etcd.value?.keys.error { return [unreadable(error, subject: subject)] }
        guard let keys = state.etcd.value?.keys.value else { return [] }
        let cert = keys[Deis1Names.sslCertKey].isSet, key = keys[Deis1Names.sslKeyKey].isSet
        guard cert && key else {
            let missing = [cert ? nil : "sslCert", key ? nil : "sslKey"].compactMap { $0 }.joined(separator: " and ")
            return [finding(.fail, subject: subject, "no router certificate (\(missing) not set under /deis/router): traffic is plain HTTP; use deisctl config router set sslKey=… sslCert=…")]
        }
        let enforce = keys[Deis1Names.enforceHTTPSKey]
        guard enforce.text == "true" else {
            return [finding(.fail, subject: subject, "certificate installed, but enforceHTTPS is \(enforce.display): plain HTTP is still served",
                            fix: .setSetting(Deis1Names.setting(forKey: Deis1Names.enforceHTTPSKey), from: enforce.text, to: "true"))]
        }
        return [finding(.pass, subject: subject, "certificate and key installed; HTTPS enforced")]
    }
}
