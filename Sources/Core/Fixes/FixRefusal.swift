/// Why a fix will not be planned, in a sentence for the operator: no worker could take the
/// tasks, this platform cannot scale, the setting was not read yet.
public struct FixRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = Sanitizer.line(reason, maxLength: 400)
    }

    public var description: String { reason }
}
