import Foundation

/// When the next update window opens (or, if one is open, when it opened) and closes.
public struct NextWindow: Sendable, Hashable {
    public var opens: Date
    public var closes: Date
    public var openNow: Bool

    public init(opens: Date, closes: Date, openNow: Bool) {
        self.opens = opens
        self.closes = closes
        self.openNow = openNow
    }
}
