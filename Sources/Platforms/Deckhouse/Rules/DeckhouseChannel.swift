import ShipshapeCore
import KubernetesRules
import EtcdRules
/// Deckhouse release channels, least to most stable (reference §5.1). The order decides a
/// channel change's risk: towards a more stable channel nothing is installed until that
/// channel catches up; towards a less stable one newer releases may install at once.
public enum DeckhouseChannel {
    public static let ordered = ["Alpha", "Beta", "EarlyAccess", "Stable", "RockSolid", "LTS"]

    /// Position in `ordered`; nil for an unknown name.
    public static func stability(_ channel: String) -> Int? {
        ordered.firstIndex(of: channel)
    }

    /// True when moving `from` → `to` may install newer releases right away, or turns the channel off.
    public static func isRisky(from: String?, to: String?) -> Bool {
        guard let to else { return true }
        guard let from, let old = stability(from), let new = stability(to) else { return false }
        return new < old
    }
}
