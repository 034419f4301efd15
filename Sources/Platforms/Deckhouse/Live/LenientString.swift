import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import DeckhousePanes
import KubernetesRules
import EtcdRules
import KubernetesKit
import EtcdPlatform
/// A scalar read as text whatever its JSON type (`"8:00"`, `8`, `true`), so a malformed
/// value reaches the rules as a value they can name in a message.
struct LenientString: Decodable, Sendable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) { text = string }
        else if let int = try? container.decode(Int.self) { text = String(int) }
        else if let double = try? container.decode(Double.self) { text = String(double) }
        else if let bool = try? container.decode(Bool.self) { text = String(bool) }
        else if container.decodeNil() { text = "null" }
        else { text = "(not a scalar)" }
    }
}
