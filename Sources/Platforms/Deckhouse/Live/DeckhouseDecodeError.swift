import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform
/// Why a Deckhouse object could not be read, beyond plain JSON errors.
public enum DeckhouseDecodeError: Error, Sendable, CustomStringConvertible {
    case missingKey(String)
    case notBase64(String)
    case notYAML(String)

    public var description: String {
        switch self {
        case .missingKey(let key): return "the secret has no \(key) key"
        case .notBase64(let key): return "\(key) is not base64-encoded UTF-8"
        case .notYAML(let key): return "\(key) is not YAML"
        }
    }
}
