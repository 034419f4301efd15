/// Tells a Deckhouse cluster from a plain Kubernetes one by what it serves: Deckhouse
/// installs its custom resources in the `deckhouse.io` API group.
public enum DeckhouseDetection {
    public static func isDeckhouse(apiGroups: [String]) -> Bool {
        apiGroups.contains(DeckhouseNames.group)
    }

    /// Names the Kubernetes platform on the pinned context: Deckhouse when `deckhouse.io` is
    /// served and ModuleConfig `deckhouse` is there (CRDs left behind by an uninstall serve
    /// the group with no such object); Workflow otherwise, and when nothing can be read, so
    /// the Workflow probe reports the reason on its sections. Both reads run at once.
    public static func detect(runner: any CommandRunner, target: KubeTarget) async -> PlatformID {
        let reader = KubernetesProbe(runner: runner, target: target)
        async let groups = reader.read("API groups", "/apis", KubeDecoder.apiGroups)
        async let config = reader.read("ModuleConfig deckhouse", DeckhouseNames.deckhouseConfigPath, DeckhouseDecoder.updateSettings)
        guard let served = await groups.value, isDeckhouse(apiGroups: served) else { return .workflow }
        if let error = await config.error, error.kind == .notFound { return .workflow }
        return .deckhouse
    }
}
