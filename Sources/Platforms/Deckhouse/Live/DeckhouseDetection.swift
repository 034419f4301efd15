import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform
/// Tells a Deckhouse cluster from a plain Kubernetes one by what it serves: Deckhouse
/// installs its custom resources in the `deckhouse.io` API group.
public enum DeckhouseDetection {
    public static func isDeckhouse(apiGroups: [String]) -> Bool {
        apiGroups.contains(DeckhouseNames.group)
    }

    /// Deckhouse when `deckhouse.io` is served and ModuleConfig `deckhouse` is there (CRDs left
    /// behind by an uninstall serve the group with no such object). Both reads run at once.
    public static func detect(runner: any CommandRunner, target: KubeTarget) async -> Detection {
        let reader = KubernetesProbe(runner: runner, target: target)
        async let groups = reader.read("API groups", "/apis", KubeDecoder.apiGroups)
        async let config = reader.read("ModuleConfig deckhouse", DeckhouseNames.deckhouseConfigPath, DeckhouseDecoder.updateSettings)
        guard let served = await groups.value else {
            return .rejected("the API groups could not be read: \(await groups.error?.message ?? "no answer")")
        }
        guard isDeckhouse(apiGroups: served) else { return .rejected("\(DeckhouseNames.group) is not served") }
        if let error = await config.error, error.kind == .notFound {
            return .rejected("\(DeckhouseNames.group) is served but ModuleConfig deckhouse does not exist")
        }
        return .confirmed("serves \(DeckhouseNames.group) and has ModuleConfig deckhouse")
    }
}
