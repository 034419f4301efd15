import ShipshapeCore

/// One line of a Kubernetes watch stream: `{"type":"MODIFIED","object":{…}}`. The header —
/// the event type, the object's resource version, and for an ERROR the Status reason — is read
/// in place; the object itself is decoded by whoever knows its kind.
public struct KubeWatchLine: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED", bookmark = "BOOKMARK", error = "ERROR"
    }

    public var kind: Kind
    /// `object.metadata.resourceVersion`: the version to resume from after this event.
    public var resourceVersion: String?
    /// For ERROR: the Status reason (`Expired`, `Gone`) and message.
    public var reason: String?
    public var message: String?

    /// True for the apiserver's "too old resource version" (HTTP 410 inside the stream).
    public var isExpired: Bool { kind == .error && (reason == "Expired" || reason == "Gone") }

    public static func header(_ line: UnsafeBufferPointer<UInt8>) throws(JSONScanError) -> KubeWatchLine {
        var scanner = JSONScanner(line)
        var type: String?
        var version: String?
        var reason: String?
        var message: String?
        try scanner.object { s, key throws(JSONScanError) in
            if key == "type" {
                type = try s.string()
            } else if key == "object" {
                if try s.skipNull() { return }
                try s.object { s, key throws(JSONScanError) in
                    if key == "metadata" { version = try KubeListVersion.metadataVersion(&s) }
                    else if key == "reason" { reason = try s.stringIfPresent() }
                    else if key == "message" { message = try s.stringIfPresent() }
                    else { try s.skipValue() }
                }
            } else {
                try s.skipValue()
            }
        }
        guard let type, let kind = Kind(rawValue: type) else { throw JSONScanError(offset: 0, reason: "a watch event without a known type") }
        return KubeWatchLine(kind: kind, resourceVersion: version, reason: reason, message: message)
    }

    /// Decodes the event's `object` with `body`, positioned at it.
    public static func object<T>(_ line: UnsafeBufferPointer<UInt8>, _ body: (inout JSONScanner) throws(JSONScanError) -> T) throws(JSONScanError) -> T? {
        var scanner = JSONScanner(line)
        var value: T?
        try scanner.object { s, key throws(JSONScanError) in
            if key == "object" { value = try body(&s) } else { try s.skipValue() }
        }
        return value
    }
}
