import ShipshapeCore

/// A problem with the estate: a file that does not parse, an unknown key or platform, a
/// cluster named twice, a `--cluster` the file does not have. Points at the file and line.
public struct EstateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var message: String

    public init(file: String?, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = Sanitizer.line(message, maxLength: 400)
    }

    public var description: String {
        guard let file else { return message }
        return line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
