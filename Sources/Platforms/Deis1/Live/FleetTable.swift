import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// Splits fleetctl's `list-*` output into fields. fleetctl pads columns with Go's
/// tabwriter using TAB as the pad character, so columns are separated by one or more
/// tabs, never spaces, and an empty value is printed as `-` (reference/cli-formats.md
/// §2.1): splitting on runs of tabs is exact. Asked with `--no-legend`, so there is no
/// header line; a line that still looks like one is skipped.
public enum FleetTable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case shortLine(number: Int, expected: Int, found: Int)

        public var description: String {
            switch self {
            case .shortLine(let number, let expected, let found):
                return "line \(number) has \(found) column(s), expected \(expected)"
            }
        }
    }

    /// Rows as field name → raw value, in output order. `fields` is what was passed to
    /// `--fields`; extra tab-separated parts (a tab inside the last value) are joined
    /// back into the last field with a space.
    public static func rows(_ text: String, fields: [String]) throws(Failure) -> [[String: String]] {
        var rows: [[String: String]] = []
        let header = fields.map { $0.uppercased() }
        // `isNewline` also splits "\r\n", which Swift treats as one character.
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            var parts = line.split(separator: "\t", omittingEmptySubsequences: true).map(String.init)
            if parts == header { continue }
            guard parts.count >= fields.count else {
                throw .shortLine(number: offset + 1, expected: fields.count, found: parts.count)
            }
            if parts.count > fields.count {
                let tail = parts[(fields.count - 1)...].joined(separator: " ")
                parts = Array(parts[..<(fields.count - 1)]) + [tail]
            }
            rows.append(Dictionary(uniqueKeysWithValues: zip(fields, parts)))
        }
        return rows
    }
}
