import Foundation

/// Turns the figures every step wrote (JSON lines) into the table `scripts/bench`
/// prints, and into one JSON array for `--json`.
enum Report {
    static func run(inputs: [String], json: String?) throws(BenchError) {
        var figures: [Figure] = []
        for path in inputs {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read \(path)") }
            for line in text.split(separator: "\n") where line.hasPrefix("{") {
                guard let figure = try? JSONDecoder().decode(Figure.self, from: Data(line.utf8)) else {
                    throw BenchError("\(path): not a figure: \(line.prefix(80))")
                }
                figures.append(figure)
            }
        }
        guard !figures.isEmpty else { throw BenchError("no figures to report") }
        print(table(figures))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do {
                try encoder.encode(figures).write(to: URL(fileURLWithPath: json))
            } catch {
                throw BenchError("cannot write \(json): \(error)")
            }
        }
    }

    /// A Markdown table (it reads well in a terminal too), then the notes.
    static func table(_ figures: [Figure]) -> String {
        var lines = ["| figure | value | target | met |", "|---|---:|---:|:---:|"]
        for figure in figures {
            let value = "\(Figure.format(figure.value)) \(figure.unit)".trimmingCharacters(in: .whitespaces)
            let target = figure.target.map { "\($0) \(figure.unit)".trimmingCharacters(in: .whitespaces) } ?? "—"
            let met = figure.met.map { $0 ? "yes" : "**no**" } ?? ""
            lines.append("| \(figure.name) | \(value) | \(target) | \(met) |")
        }
        lines.append("")
        for figure in figures {
            if let detail = figure.detail { lines.append("- \(figure.name): \(detail)") }
        }
        return lines.joined(separator: "\n")
    }
}
