/// A small `--name value` reader: the bench tool has a handful of flags and no need
/// for a parser dependency.
struct Arguments {
    private var values: [String: String] = [:]
    let command: String

    init(_ argv: [String]) throws(BenchError) {
        guard let first = argv.first, !first.hasPrefix("-") else {
            throw BenchError("usage: shipshape-bench decode|draw|refresh|memory|report [--flag value]…")
        }
        command = first
        var index = 1
        while index < argv.count {
            let flag = argv[index]
            guard flag.hasPrefix("--"), index + 1 < argv.count else { throw BenchError("expected --flag value, got \(flag)") }
            values[String(flag.dropFirst(2)), default: ""] += (values[String(flag.dropFirst(2))] == nil ? "" : "\u{0}") + argv[index + 1]
            index += 2
        }
    }

    func string(_ name: String) throws(BenchError) -> String {
        guard let value = values[name] else { throw BenchError("--\(name) is required for \(command)") }
        return value
    }

    func optional(_ name: String) -> String? { values[name] }

    /// Every value given for a repeatable flag, in order.
    func all(_ name: String) -> [String] {
        values[name].map { $0.split(separator: "\u{0}").map(String.init) } ?? []
    }

    func int(_ name: String, default fallback: Int) throws(BenchError) -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw BenchError("--\(name) wants a number, got \(text)") }
        return value
    }
}
