import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// Removes secret values from recorded tool output while keeping the shape rules
/// need: secret `data` keys stay (values emptied, except the public `tls.crt`),
/// env entries keep their names, etcd values under key-like paths become a marker.
public enum SecretScrubber {
    static let marker = "<redacted>"
    static let secretNames = ["PASSWORD", "TOKEN", "SECRET", "_KEY", "PASSWD", "CREDENTIAL"]

    public static func scrub(_ call: RecordedCall) -> RecordedCall {
        guard let stdout = call.stdout else { return call }
        var call = call
        if call.argv.contains(where: { $0.lowercased().contains("sslkey") || $0.lowercased().hasSuffix("/key") }) {
            call.stdout = stdout.isEmpty ? stdout : Array(marker.utf8)
            return call
        }
        guard let json = try? JSONSerialization.jsonObject(with: Data(stdout), options: [.fragmentsAllowed]) else { return call }
        if let data = try? JSONSerialization.data(withJSONObject: scrub(json), options: [.sortedKeys, .fragmentsAllowed]) {
            call.stdout = Array(data)
        }
        return call
    }

    static func scrub(_ value: Any) -> Any {
        switch value {
        case let object as [String: Any]:
            var out: [String: Any] = [:]
            for (key, child) in object {
                switch (key, child) {
                case ("data", let map as [String: Any]), ("stringData", let map as [String: Any]):
                    out[key] = Dictionary(uniqueKeysWithValues: map.map { ($0.key, $0.key == "tls.crt" ? $0.value : "" as Any) })
                case ("Env", let list as [String]):
                    out[key] = list.map { entry in entry.split(separator: "=", maxSplits: 1).first.map { "\($0)=\(marker)" } ?? entry }
                case ("env", let list as [[String: Any]]):
                    out[key] = list.map { entry -> [String: Any] in
                        var entry = entry
                        let name = (entry["name"] as? String ?? "").uppercased()
                        if entry["value"] != nil, secretNames.contains(where: name.contains) { entry["value"] = marker }
                        return entry
                    }
                default:
                    out[key] = scrub(child)
                }
            }
            return out
        case let array as [Any]:
            return array.map(scrub)
        default:
            return value
        }
    }
}
