import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// Go's `text/tabwriter` as fleetctl configures it (minwidth 0, tabwidth 8, padding 1,
/// pad character TAB, no flags): every cell but the last of a line is padded with
/// tabs to its column's width rounded up to a multiple of 8. The fleet sandbox uses
/// it so the demo hands the probe the same bytes fleetctl would (reference §2.1).
enum GoTabWriter {
    static let tabWidth = 8
    static let padding = 1

    static func render(_ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "" }
        let columns = (rows.map(\.count).max() ?? 1) - 1
        var widths = [Int](repeating: 0, count: max(columns, 0))
        for row in rows {
            for (index, cell) in row.dropLast().enumerated() {
                widths[index] = max(widths[index], cell.unicodeScalars.count + padding)
            }
        }
        var out = ""
        for row in rows {
            for (index, cell) in row.enumerated() {
                out += cell
                guard index < row.count - 1 else { continue }
                let cellWidth = (widths[index] + tabWidth - 1) / tabWidth * tabWidth
                let pad = cellWidth - cell.unicodeScalars.count
                out += String(repeating: "\t", count: (pad + tabWidth - 1) / tabWidth)
            }
            out += "\n"
        }
        return out
    }
}
