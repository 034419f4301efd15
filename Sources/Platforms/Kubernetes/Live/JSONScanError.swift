import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes
/// Where and why the bytes are not the JSON expected.
public struct JSONScanError: Error, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "\(reason) at byte \(offset)" }
}
