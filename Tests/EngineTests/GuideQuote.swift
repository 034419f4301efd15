import Foundation
import Testing

/// A sentence of a production guide that a rule encodes, by seed file and line (1-based), as
/// the rule's tests quote it. `verify()` reads the copy of the guide under
/// `Tests/Support/seeds/` and fails when the line does not hold the quoted text — so a quote
/// cannot drift from the guide it cites.
struct GuideQuote: CustomStringConvertible, Sendable {
    let file: String
    let line: Int
    let text: String

    static let workflow = "002_322b4c63ebc47462.txt"
    static let medstack = "003_d24a5db80be9e137.txt"
    static let deckhouse = "004_ea9c013307f20d5c.txt"

    static func workflow(_ line: Int, _ text: String) -> GuideQuote { GuideQuote(file: workflow, line: line, text: text) }
    static func medstack(_ line: Int, _ text: String) -> GuideQuote { GuideQuote(file: medstack, line: line, text: text) }
    static func deckhouse(_ line: Int, _ text: String) -> GuideQuote { GuideQuote(file: deckhouse, line: line, text: text) }

    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Support/seeds")

    var description: String { "\(file):\(line) “\(text)”" }

    /// The line as the guide has it, or nil when the file or the line is missing.
    var guideLine: String? {
        guard let content = try? String(contentsOf: Self.seeds.appendingPathComponent(file), encoding: .utf8) else { return nil }
        let lines = content.components(separatedBy: "\n")
        return lines.indices.contains(line - 1) ? lines[line - 1] : nil
    }

    /// Records an issue unless the guide's line contains the quoted text (whitespace folded).
    func verify(sourceLocation: SourceLocation = #_sourceLocation) {
        let fold = { (s: String) in s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        guard let actual = guideLine else {
            Issue.record("\(file) has no line \(line)", sourceLocation: sourceLocation)
            return
        }
        #expect(fold(actual).contains(fold(text)), "\(self) is not what the guide says there: “\(actual)”", sourceLocation: sourceLocation)
    }
}
