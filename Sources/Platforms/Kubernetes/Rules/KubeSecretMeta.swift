import Foundation
import ShipshapeCore

/// A secret's name, type and annotations. Values are never decoded, with one
/// exception: the *expiry date* of a TLS certificate (public data) is read, kept as
/// a date, and the certificate itself dropped.
public struct KubeSecretMeta: Sendable, Hashable, Codable {
    public var name: String
    public var type: String
    public var annotations: [String: String]
    public var certificateNotAfter: Date?

    public init(name: String, type: String, annotations: [String: String] = [:], certificateNotAfter: Date? = nil) {
        self.name = name
        self.type = type
        self.annotations = annotations
        self.certificateNotAfter = certificateNotAfter
    }
}
