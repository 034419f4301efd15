import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform

/// Turns fleetctl output into model values. Pure: the parser is tested against the
/// documented formats, odd metadata included. Every cluster-supplied string is
/// sanitised here, before it can reach a screen or a log.
public enum FleetDecoder {
    public static let machineFields = ["machine", "ip", "metadata"]
    public static let unitFields = ["unit", "machine", "active", "sub"]

    /// fleetctl prints `-` for a missing value.
    static func optional(_ raw: String?) -> String? {
        guard let raw, raw != "-", !raw.isEmpty else { return nil }
        return raw
    }

    /// `list-machines --full --no-legend --fields=machine,ip,metadata`
    public static func machines(_ bytes: [UInt8]) throws(FleetTable.Failure) -> [FleetMachine] {
        try FleetTable.rows(lenientText(bytes), fields: machineFields).map { row in
            FleetMachine(
                id: Sanitizer.line(row["machine"] ?? "", maxLength: 64),
                ip: optional(row["ip"]).map { Sanitizer.line($0, maxLength: 64) },
                metadata: metadata(row["metadata"])
            )
        }
    }

    /// `k=v` pairs joined by `,` (fleet sorts the keys), or `-` for none. A value may
    /// itself contain `=` (split at the first one); a part without `=` is a key with an
    /// empty value. Keys and values are sanitised: metadata is free text in cloud-config.
    public static func metadata(_ raw: String?) -> [String: String] {
        guard let raw = optional(raw) else { return [:] }
        var result: [String: String] = [:]
        for pair in raw.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Sanitizer.line(String(parts[0]).trimmingCharacters(in: .whitespaces), maxLength: 64)
            guard !key.isEmpty else { continue }
            result[key] = parts.count > 1 ? Sanitizer.line(String(parts[1]), maxLength: 128) : ""
        }
        return result
    }

    /// `list-units --full --no-legend --fields=unit,machine,active,sub`
    public static func units(_ bytes: [UInt8]) throws(FleetTable.Failure) -> [FleetUnit] {
        try FleetTable.rows(lenientText(bytes), fields: unitFields).map { row in
            let legend = machineLegend(row["machine"])
            return FleetUnit(
                name: Sanitizer.line(row["unit"] ?? "", maxLength: 128),
                machineID: legend.id,
                machineIP: legend.ip,
                active: Sanitizer.line(row["active"] ?? "-", maxLength: 32),
                sub: Sanitizer.line(row["sub"] ?? "-", maxLength: 32)
            )
        }
    }

    /// The unit's machine legend: `ID/IP` (`ID` may be shortened to `abcd1234...`
    /// without `--full`), the ID alone when fleet does not know the IP, `-` for none.
    public static func machineLegend(_ raw: String?) -> (id: String?, ip: String?) {
        guard let raw = optional(raw) else { return (nil, nil) }
        let parts = raw.split(separator: "/", maxSplits: 1).map(String.init)
        let id = Sanitizer.line(parts[0], maxLength: 64)
        let ip = parts.count > 1 ? optional(parts[1]).map { Sanitizer.line($0, maxLength: 64) } : nil
        return (id.isEmpty ? nil : id, ip)
    }

    /// `docker images` as run on a machine through `fleetctl ssh`: the first two
    /// whitespace-separated columns are repository and tag. The plain table is used
    /// because `--format` does not exist on the Docker of older CoreOS releases.
    public static func images(_ bytes: [UInt8]) -> [String] {
        var images: [String] = []
        for line in lenientText(bytes).split(whereSeparator: \.isNewline) {
            let columns = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard columns.count >= 2, columns[0] != "REPOSITORY" else { continue }
            let repository = String(columns[0]), tag = String(columns[1])
            guard repository != "<none>", tag != "<none>" else { continue }
            images.append(Sanitizer.line("\(repository):\(tag)", maxLength: 200))
        }
        return images
    }

    /// fleetctl output as text; bytes that are not UTF-8 become U+FFFD instead of
    /// failing the whole probe (the sanitiser then keeps them off the terminal).
    static func lenientText(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
