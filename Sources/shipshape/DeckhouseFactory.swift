import Engine

/// Builds the Deckhouse adapter for one pinned kubeconfig context; with several
/// `--context` flags it is called once per cluster.
enum DeckhouseFactory {
    static func makeAdapter(kube: KubeTarget, options: TargetOptions, runner: ProcessRunner) -> any PlatformAdapter {
        let target = Target(name: kube.context, platform: .deckhouse, kube: kube, etcd: options.explicitEtcd, production: options.production)
        return DeckhouseAdapter(target: target, kube: kube, runner: runner)
    }
}
