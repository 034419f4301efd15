import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-K8S-VERSION: `kubernetesVersion` is `Automatic`, or an explicit version still supported.
public struct DeckhouseKubernetesVersionRule: Rule {
    public let info = RuleInfo(
        id: "DH-K8S-VERSION", title: "Kubernetes version is Automatic or a supported one", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Kubernetes version"),
        rationale: "With Automatic, Deckhouse upgrades Kubernetes together with its own minor releases. A pinned version that is no longer supported makes Deckhouse refuse to update."
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
                if policy.deckhouseSupportedKubernetesVersions.contains(version) {
                    return [finding(.pass, subject: subject, "kubernetesVersion \(version), set explicitly and still supported (Automatic is recommended)")]
                }
                return [finding(.fail, subject: subject,
                                "kubernetesVersion \(version) is not among the supported versions (\(policy.deckhouseSupportedKubernetesVersions.joined(separator: ", "))): Deckhouse may refuse to update — use Automatic or a supported version")]
            }
        }
    }
}
