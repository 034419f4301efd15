import Foundation

/// Reads one scalar out of a small JSON document by a path such as
/// `["spec", "template", "spec", "containers", "[name=web]", "env", "[name=MODE]", "value"]`.
public enum JSONPathReader {
    public enum Failure: Error { case notJSON }

    public static func value(in bytes: [UInt8], at path: [String]) throws -> String? {
        guard let root = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            throw Failure.notJSON
        }
        var current: Any? = root
        for component in path {
            if component.hasPrefix("[name="), component.hasSuffix("]") {
                let name = String(component.dropFirst(6).dropLast())
                current = (current as? [[String: Any]])?.first { ($0["name"] as? String) == name }
            } else if let index = Int(component), let array = current as? [Any] {
                current = index < array.count ? array[index] : nil
            } else {
                current = (current as? [String: Any])?[component]
            }
            if current == nil { return nil }
        }
        switch current {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        case is NSNull, nil: return nil
        default: return canonical(current!)
        }
    }

    /// Lists and objects as compact JSON with sorted keys, so a precondition can compare a
    /// whole list (e.g. Deckhouse update windows) with the one its plan was made from.
    public static func canonical(_ value: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]),
              let text = String(data: data, encoding: .utf8) else { return String(describing: value) }
        return text
    }
}
