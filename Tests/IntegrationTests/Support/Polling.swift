import Foundation

/// Waits for a condition by polling, with a generous deadline: no fixed sleeps.
enum Polling {
    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "timed out waiting for \(what)" }
    }

    static func until(_ what: String, timeout: Double = 20, every interval: Double = 0.05, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(Int(interval * 1000)))
        }
        throw TimedOut(what: what)
    }
}
