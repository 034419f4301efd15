import Foundation
import SwiftASN1
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// Reads the `notAfter` date of an X.509 certificate (the public half of a TLS
/// secret) so WF-TLS can warn before it expires. Returns nil for anything unreadable.
public enum CertificateExpiry {
    public static func notAfter(base64PEM: String) -> Date? {
        guard let pemData = Data(base64Encoded: base64PEM), let pem = String(data: pemData, encoding: .utf8),
              let document = try? PEMDocument(pemString: pem) else { return nil }
        return notAfter(der: document.derBytes)
    }

    /// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL,
    /// serialNumber, signature, issuer, validity SEQUENCE { notBefore, notAfter }, … } … }
    public static func notAfter(der: [UInt8]) -> Date? {
        guard let certificate = try? DER.parse(der),
              let tbs = children(certificate).first else { return nil }
        var fields = children(tbs)
        if let first = fields.first, first.identifier.tagClass == .contextSpecific { fields.removeFirst() }
        guard fields.count > 3 else { return nil }
        let validity = children(fields[3])
        guard validity.count == 2 else { return nil }
        let node = validity[1]
        var parts = DateComponents()
        parts.timeZone = TimeZone(identifier: "UTC")
        if let time = try? UTCTime(derEncoded: node, withIdentifier: .utcTime) {
            (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) =
                (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        } else if let time = try? GeneralizedTime(derEncoded: node, withIdentifier: .generalizedTime) {
            (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) =
                (time.year, time.month, time.day, time.hours, time.minutes, time.seconds)
        } else {
            return nil
        }
        return Calendar(identifier: .gregorian).date(from: parts)
    }

    private static func children(_ node: ASN1Node) -> [ASN1Node] {
        if case .constructed(let collection) = node.content { return Array(collection) }
        return []
    }
}
