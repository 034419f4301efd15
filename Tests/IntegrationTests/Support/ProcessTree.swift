import Foundation

/// The processes of the machine as /proc lists them: what the tests check for leftovers.
enum ProcessTree {
    /// Every process's command line, arguments joined by spaces (zombies have none).
    static func commandLines() -> [String] {
        entries().map(\.1)
    }

    /// The pids whose command line matches.
    static func pids(_ matches: (String) -> Bool) -> [Int32] {
        entries().filter { matches($0.1) }.map(\.0)
    }

    static func entries() -> [(Int32, String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> (Int32, String)? in
            guard let pid = Int32(name), let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline"), !data.isEmpty else { return nil }
            let line = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            return (pid, line)
        }
    }
}
