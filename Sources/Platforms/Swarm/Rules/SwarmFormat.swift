import Foundation
import ShipshapeCore

/// Short forms for sizes in finding messages.
enum SwarmFormat {
    /// "4 GiB", "3.8 GiB", "180 MiB".
    static func gib(_ bytes: Int64) -> String {
        let gib = Double(bytes) / 1_073_741_824
        if gib < 1 { return "\(Int((Double(bytes) / 1_048_576).rounded())) MiB" }
        return gib == gib.rounded() ? "\(Int(gib)) GiB" : String(format: "%.1f GiB", gib)
    }

    static func cpus(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func days(_ interval: TimeInterval) -> Int {
        Int(interval / 86_400)
    }
}
