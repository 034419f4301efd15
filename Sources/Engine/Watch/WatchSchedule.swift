import ShipshapeCore
import ShipshapeRunner
import PlatformKit
/// When to refresh next: the interval while reads succeed; doubling up to 8× (and
/// at most 5 minutes) after consecutive failures, so a sick API server is not hammered.
public struct WatchSchedule: Sendable, Equatable {
    public var interval: Double
    public private(set) var consecutiveFailures = 0

    public init(interval: Double) {
        self.interval = max(interval, 0.5)
    }

    public mutating func record(success: Bool) {
        consecutiveFailures = success ? 0 : consecutiveFailures + 1
    }

    public var nextDelay: Double {
        min(interval * Double(1 << min(consecutiveFailures, 3)), max(interval, 300))
    }

    public var isBackingOff: Bool { consecutiveFailures > 0 }
}
