import ShipshapeCore
import KubernetesRules
import EtcdRules
/// DH-PV-NODESELECTOR: in a cluster with dedicated monitoring nodes, every module that keeps
/// persistent volumes (the policy's list: prometheus, upmeter, loki) pins its pods with an
/// explicit `nodeSelector`, so a volume is never bound on a node of the wrong kind. prometheus
/// runs in every bundle; the others are checked when their ModuleConfig turns them on.
public struct DeckhousePVNodeSelectorRule: Rule {
    public let info = RuleInfo(
        id: "DH-PV-NODESELECTOR", title: "Modules with persistent volumes set a nodeSelector", severity: .warning, platforms: [.deckhouse],
        seed: DeckhouseSeed.section("Monitoring nodes"),
        rationale: "With nodes allocated to one kind of workload, a module that keeps persistent volumes should name its nodes explicitly (the prometheus module's nodeSelector): its volume then stays where its pods may run."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = "modules with volumes"
        return withDeckhouse(state, subject: subject) { deckhouse in
            withSection(deckhouse.nodes, subject: subject) { _ in
                guard !deckhouse.nodes(with: .monitoring).isEmpty else {
                    return [finding(.notApplicable, subject: subject, "no dedicated monitoring nodes: modules keep their automatic placement")]
                }
                return withSection(deckhouse.moduleSettings, subject: subject) { _ in
                    let checked = policy.deckhousePersistentModules.compactMap { name -> (String, DeckhouseModuleSettings?)? in
                        let settings = deckhouse.module(name)
                        if settings?.enabled == false { return nil }
                        if name != "prometheus" && settings?.enabled != true { return nil }
                        return (name, settings)
                    }
                    guard !checked.isEmpty else {
                        return [finding(.notApplicable, subject: subject, "none of \(policy.deckhousePersistentModules.joined(separator: ", ")) is on")]
                    }
                    return checked.map { name, settings in
                        let object = "mc/\(name)"
                        if let keys = settings?.nodeSelector, !keys.isEmpty {
                            return finding(.pass, subject: object, "nodeSelector \(keys.joined(separator: ", "))")
                        }
                        return finding(.fail, subject: object,
                                       "\(name) keeps persistent volumes but sets no nodeSelector: set settings.nodeSelector in ModuleConfig \(name) (e.g. node-role.deckhouse.io/monitoring: \"\"), by hand")
                    }
                }
            }
        }
    }
}
