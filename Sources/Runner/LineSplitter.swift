/// Cuts a byte stream into lines as chunks arrive, keeping a partial last line for the next
/// chunk. Lines come out as views into a buffer the splitter owns; nothing is copied for a line
/// that arrives whole inside one chunk.
struct LineSplitter {
    let maxLineBytes: Int
    private var pending: [UInt8] = []

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    struct LineTooLong: Error {
        let bytes: Int
    }

    /// Calls `line` for every complete line in `chunk` (after what was pending); returns false
    /// when `line` asked to stop.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer) -> StreamVerdict) throws(LineTooLong) -> Bool {
        var start = 0
        let count = chunk.count
        while start < count {
            guard let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) else {
                pending.append(contentsOf: chunk[start...])
                if pending.count > maxLineBytes { throw LineTooLong(bytes: pending.count) }
                return true
            }
            let verdict: StreamVerdict
            if pending.isEmpty {
                guard newline - start <= maxLineBytes else { throw LineTooLong(bytes: newline - start) }
                verdict = line(UnsafeRawBufferPointer(rebasing: chunk[start..<newline]))
            } else {
                pending.append(contentsOf: chunk[start..<newline])
                if pending.count > maxLineBytes { throw LineTooLong(bytes: pending.count) }
                let whole = pending
                pending.removeAll(keepingCapacity: true)
                verdict = whole.withUnsafeBytes { line($0) }
            }
            if case .stop = verdict { return false }
            start = newline + 1
        }
        return true
    }

    /// A last line without a newline when the stream ended.
    mutating func finish(line: (UnsafeRawBufferPointer) -> StreamVerdict) {
        guard !pending.isEmpty else { return }
        let rest = pending
        pending = []
        _ = rest.withUnsafeBytes { line($0) }
    }
}
