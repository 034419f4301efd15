/// Every rule shipshape knows, across platforms: for policy validation (unknown rule
/// ids are errors) and for reports that list rules. Built from each platform's demo
/// adapter, so a platform registers its rules once, in its adapter.
public enum RuleCatalog {
    public static let all: [RuleInfo] = {
        var seen = Set<String>()
        var infos: [RuleInfo] = []
        for scenario in DemoScenario.allCases {
            guard let adapters = try? scenario.makeAdapters(latencyMilliseconds: 0) else { continue }
            for adapter in adapters {
                for rule in RuleSet.rules(for: adapter) where seen.insert(rule.info.id).inserted {
                    infos.append(rule.info)
                }
            }
        }
        return infos.sorted { $0.id < $1.id }
    }()

    public static var ids: Set<String> { Set(all.map(\.id)) }

    /// The rules evaluated for these clusters, each id once (reports list them).
    public static func infos(for adapters: [any PlatformAdapter]) -> [RuleInfo] {
        var seen = Set<String>()
        return adapters.flatMap { RuleSet.rules(for: $0).map(\.info) }.filter { seen.insert($0.id).inserted }
    }
}
