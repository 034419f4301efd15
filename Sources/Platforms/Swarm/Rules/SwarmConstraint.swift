import Foundation
import ShipshapeCore

/// A placement constraint (`node.role!=manager`, `node.labels.database == true`),
/// parsed and matched the way swarmkit does it (manager/constraint/constraint.go):
/// keys and values compare case-insensitively, label names exactly, spaces around
/// the operator are allowed.
public struct SwarmConstraint: Sendable, Hashable {
    public var key: String
    public var equals: Bool
    public var value: String

    public init?(_ text: String) {
        let eq = text.range(of: "==")
        let ne = text.range(of: "!=")
        guard let op = [eq, ne].compactMap({ $0 }).min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        key = text[..<op.lowerBound].trimmingCharacters(in: .whitespaces)
        value = text[op.upperBound...].trimmingCharacters(in: .whitespaces)
        equals = op == eq
        guard !key.isEmpty, !value.isEmpty else { return nil }
    }

    /// The constraint that keeps tasks off managers, as the seed writes it.
    public static let notOnManagers = "node.role!=manager"

    /// True when the text says `node.role != manager`, however it is spaced or cased.
    public static func excludesManagers(_ text: String) -> Bool {
        guard let constraint = SwarmConstraint(text) else { return false }
        let key = constraint.key.lowercased(), value = constraint.value.lowercased()
        return key == "node.role" && ((!constraint.equals && value == "manager") || (constraint.equals && value == "worker"))
    }

    /// `node.labels.X==…`: the kind of pin SWARM-STATEFUL-PLACEMENT asks for.
    public var isNodeLabelPin: Bool {
        equals && key.lowercased().hasPrefix("node.labels.") && key.count > "node.labels.".count
    }

    /// Whether the node satisfies the constraint; nil for keys shipshape does not model
    /// (e.g. `node.ip`), which callers treat as "could be satisfied".
    public func matches(_ node: SwarmNode) -> Bool? {
        let lower = key.lowercased()
        let candidates: [String]
        switch lower {
        case "node.id": candidates = [node.id]
        case "node.hostname": candidates = [node.hostname]
        case "node.role": candidates = [node.role.rawValue]
        case "node.platform.os": candidates = [node.os]
        case "node.platform.arch": candidates = [node.architecture]
        default:
            if lower.hasPrefix("node.labels."), lower.count > "node.labels.".count {
                candidates = [node.labels[String(key.dropFirst("node.labels.".count))] ?? ""]
            } else if lower.hasPrefix("engine.labels."), lower.count > "engine.labels.".count {
                candidates = [node.engineLabels[String(key.dropFirst("engine.labels.".count))] ?? ""]
            } else {
                return nil
            }
        }
        let found = candidates.contains { $0.caseInsensitiveCompare(value) == .orderedSame }
        return equals ? found : !found
    }
}
