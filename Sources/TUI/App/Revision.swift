import Foundation

/// Numbers that name a version of the model's content. Each change takes a number never
/// handed out before, so two models share one only when one is a copy of the other,
/// unchanged: that is what lets built panes be cached on it.
enum Revision {
    private static let counter = Counter()

    static func next() -> Int { counter.next() }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0

        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
