import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes
/// Decides what kind of value an environment variable holds without keeping it.
enum SwarmEnvClassifier {
    static func classify(_ value: Substring) -> SwarmEnvVar.Value {
        if value.isEmpty { return .empty }
        if value.hasPrefix("/run/secrets/") { return .secretFile }
        return .plain
    }
}
