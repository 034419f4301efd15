import Foundation
import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-K8S-VERSION: `kubernetesVersion` is `Automatic`, or an explicit version the releases
/// still support. What is supported comes from the cluster, not from a list in shipshape:
/// each DeckhouseRelease states the Kubernetes version it needs at least
/// (`spec.requirements.k8s`), and Deckhouse blocks a release whose requirement the cluster
/// does not meet — "Deckhouse may refuse to upgrade … if the Kubernetes version used in the
/// cluster is no longer supported".
public struct DeckhouseKubernetesVersionRule: Rule {
    public let info = RuleInfo(
        id: "DH-K8S-VERSION", title: "Kubernetes version is Automatic or a supported one", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Kubernetes version"),
        rationale: "With Automatic, Deckhouse upgrades Kubernetes together with its own minor releases. A pinned version that is no longer supported makes Deckhouse refuse to update: each release states the minimum it needs."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "ClusterConfiguration"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.kubernetesVersion, subject: subject) { version in
                guard let version else {
                    return [finding(.manual, subject: subject, "the ClusterConfiguration sets no kubernetesVersion: check it by hand")]
                }
                if version == "Automatic" {
                    return [finding(.pass, subject: subject, "kubernetesVersion Automatic")]
                }
                return withSection(deckhouse.releases, subject: subject) { releases in
                    [explicit(version, releases: releases, subject: subject)]
                }
            }
        }
    }

    func explicit(_ version: String, releases: [DeckhouseRelease], subject: String) -> Finding {
        guard let pinned = KubernetesVersion(version) else {
            return finding(.fail, subject: subject, "kubernetesVersion \(version) is neither Automatic nor a version like 1.30")
        }
        let relevant = releases.filter { $0.isDeployed || $0.isPending }
        let stated = relevant.compactMap { release in release.minimumKubernetes.flatMap(KubernetesVersion.init).map { (release, $0) } }
        guard !stated.isEmpty else {
            return finding(.manual, subject: subject,
                           "kubernetesVersion \(version) is set explicitly and no deployed or pending DeckhouseRelease states the Kubernetes version it needs (spec.requirements.k8s): check it against the release's supported versions by hand (Automatic is recommended)")
        }
        let blocking = stated.filter { pinned < $0.1 }
        if let deployed = blocking.first(where: { $0.0.isDeployed }) {
            return finding(.fail, subject: subject,
                           "kubernetesVersion \(version) is below what the deployed release \(deployed.0.version) requires (≥ \(deployed.1)): use Automatic or raise it")
        }
        if !blocking.isEmpty {
            let list = blocking.map { "\($0.0.version) needs ≥ \($0.1)" }.joined(separator: ", ")
            return finding(.fail, subject: subject,
                           "kubernetesVersion \(version) is too old for the pending release(s) (\(list)): Deckhouse will not update until it is raised — use Automatic or a supported version")
        }
        let highest = stated.max { $0.1 < $1.1 }!
        return finding(.pass, subject: subject,
                       "kubernetesVersion \(version), set explicitly, meets what the releases require (≥ \(highest.1), \(highest.0.version)); Automatic is recommended")
    }
}

/// `1.30` or `1.30.2`, compared by major and minor (a ClusterConfiguration pins a minor).
struct KubernetesVersion: Comparable, CustomStringConvertible {
    let major: Int
    let minor: Int

    init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).drop { $0 == "v" }.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1]) else { return nil }
        self.major = major
        self.minor = minor
    }

    static func < (a: KubernetesVersion, b: KubernetesVersion) -> Bool { (a.major, a.minor) < (b.major, b.minor) }
    var description: String { "\(major).\(minor)" }
}
