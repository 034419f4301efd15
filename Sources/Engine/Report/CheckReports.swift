import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit

/// `shipshape check` over several clusters: one report per cluster, and the worst exit
/// status among them (2 unreadable > 1 failing > 0 clean). One cluster prints exactly the
/// single-report form, so scripts written for one cluster keep working.
public struct CheckReports: Sendable {
    public var reports: [CheckReport]

    public init(_ reports: [CheckReport]) {
        self.reports = reports
    }

    public var exitStatus: Int32 { reports.map(\.exitStatus).max() ?? 0 }

    /// A single report's JSON object for one cluster, a JSON array of them for several.
    public func json() -> String {
        if reports.count == 1 { return reports[0].json() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(reports)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    /// Each cluster's table, separated by a blank line.
    public func table() -> String {
        reports.map { $0.table() }.joined(separator: "\n\n")
    }
}
