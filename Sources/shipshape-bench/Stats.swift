import Foundation

/// Summaries of repeated timings. Medians, because the machine is shared and a
/// single slow run says more about the neighbours than about shipshape.
enum Stats {
    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty, "median of nothing")
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// "median M of K runs (min A, max B) UNIT", values multiplied by `scale` first.
    static func describe(_ values: [Double], unit: String, scale: Double = 1) -> String {
        let f = { (v: Double) in Figure.format(v * scale) }
        return "median of \(values.count) runs, min \(f(values.min() ?? 0)), max \(f(values.max() ?? 0)) \(unit)"
    }
}

/// Wall-clock time of a piece of work, in seconds.
enum Stopwatch {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).seconds
    }

    static func seconds(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        return (clock.now - start).seconds
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
