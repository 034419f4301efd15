/// The rules evaluated for a platform: its own plus the common ones.
public enum RuleSet {
    public static func rules(for adapter: any PlatformAdapter) -> [any Rule] {
        let own = Set(adapter.rules.map(\.info.id))
        return adapter.rules + CommonRules.all.filter { !own.contains($0.info.id) }
    }
}
