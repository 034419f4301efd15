import Foundation

/// One measured figure, as `scripts/bench` prints and stores it: what was measured,
/// its value and unit, the target it is held to (nil for context figures that have
/// none) and whether it met it.
struct Figure: Codable, Sendable {
    var name: String
    var value: Double
    var unit: String
    /// Human form of the target, comparator included: "≤ 1.10", "< 150".
    var target: String?
    /// nil when the figure has no target.
    var met: Bool?
    /// How it was measured: runs, spread, conditions. Free text for the table's notes.
    var detail: String?

    /// A figure held to `value < limit` (or `≤` when `inclusive`).
    static func below(_ name: String, _ value: Double, _ unit: String, limit: Double, inclusive: Bool = false, detail: String? = nil) -> Figure {
        Figure(name: name, value: value, unit: unit, target: "\(inclusive ? "≤" : "<") \(Self.format(limit))",
               met: inclusive ? value <= limit : value < limit, detail: detail)
    }

    /// A figure shown for context only.
    static func info(_ name: String, _ value: Double, _ unit: String, detail: String? = nil) -> Figure {
        Figure(name: name, value: value, unit: unit, target: nil, met: nil, detail: detail)
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        if abs(value) >= 100 { return String(format: "%.0f", value) }
        if abs(value) >= 10 { return String(format: "%.1f", value) }
        if abs(value) >= 1 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }

    /// `target` and `met` are always written, as null for figures without a target, so every
    /// figure in the JSON has the same keys.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(target, forKey: .target)
        try container.encode(met, forKey: .met)
        try container.encodeIfPresent(detail, forKey: .detail)
    }

    /// One JSON object per line on standard output: what `scripts/bench` collects.
    func emit() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self), let line = String(data: data, encoding: .utf8) else { return }
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
