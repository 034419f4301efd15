#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes

/// A forward-only JSON reader over bytes, for the one read that is large: the node list
/// (28 MB at 5,000 nodes). It hands out keys and values as they come and skips whatever
/// the caller does not ask for without building anything, so decoding costs one pass over
/// the bytes plus the few strings that are kept. Foundation's `JSONDecoder` took 0.43 s for
/// those 28 MB here (it parses every value before the typed decode picks fields); this takes
/// a few tens of milliseconds.
///
/// Strict where it reads (object and array syntax, strings, escapes, literals) and only
/// balance-checked where it skips (a skipped value must be a complete string, number,
/// literal, or an object/array whose brackets balance), so truncated or garbled output is
/// still an error, not a half-read list.
///
/// Used inside `withUnsafeBufferPointer`: it never outlives the bytes it reads.
public struct JSONScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: - Structure

    /// Reads an object: `body` is called with each key, positioned at its value, and must
    /// consume that value (read it, or `skipValue()`).
    public mutating func object(_ body: (inout JSONScanner, Key) throws(JSONScanError) -> Void) throws(JSONScanError) {
        try expect(UInt8(ascii: "{"), "an object")
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return }
        while true {
            skipWhitespace()
            let key = try keyToken()
            try expect(UInt8(ascii: ":"), "a colon after a key")
            try body(&self, key)
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end inside an object") }
            switch bytes[offset] {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return
            default: throw error("expected , or } in an object")
            }
        }
    }

    /// Reads an array: `body` is called once per element, positioned at it, and must
    /// consume it.
    public mutating func array(_ body: (inout JSONScanner) throws(JSONScanError) -> Void) throws(JSONScanError) {
        try expect(UInt8(ascii: "["), "an array")
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return }
        while true {
            try body(&self)
            skipWhitespace()
            guard offset < bytes.count else { throw error("unexpected end inside an array") }
            switch bytes[offset] {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"): offset += 1; return
            default: throw error("expected , or ] in an array")
            }
        }
    }

    /// Asserts that only whitespace is left.
    public mutating func end() throws(JSONScanError) {
        skipWhitespace()
        guard offset == bytes.count else { throw error("unexpected data after the document") }
    }

    // MARK: - Values

    /// True (and consumed) when the next value is `null`.
    public mutating func skipNull() throws(JSONScanError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// True when the next value is a string (nothing consumed).
    public mutating func atString() -> Bool {
        skipWhitespace()
        return offset < bytes.count && bytes[offset] == UInt8(ascii: "\"")
    }

    /// Reads a string value.
    public mutating func string() throws(JSONScanError) -> String {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let (start, end, escaped) = try stringBounds()
        return escaped ? try unescape(start, end) : text(start, end)
    }

    /// Consumes a string value and tells whether it equals `expected`, without building a
    /// `String` (unless it holds escapes).
    public mutating func stringEquals(_ expected: StaticString) throws(JSONScanError) -> Bool {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let (start, end, escaped) = try stringBounds()
        return Key(scanner: bytes, start: start, end: end, unescaped: escaped ? try unescape(start, end) : nil) == expected
    }

    /// Reads a string value, reusing `cache`'s string for `slot` when the bytes are the same:
    /// label keys and most label values repeat from node to node, and a reused string costs
    /// no allocation and shares its storage with every other node's copy.
    public mutating func string(cache: inout JSONStringCache, slot: Int) throws(JSONScanError) -> String {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let (start, end, escaped) = try stringBounds()
        if escaped { return try unescape(start, end) }
        return cache.string(slot: slot, bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))
    }

    /// A string value, or nil (consumed either way) when the value is of another type.
    public mutating func stringIfPresent() throws(JSONScanError) -> String? {
        if atString() { return try string() }
        try skipValue()
        return nil
    }

    /// Skips one value of any type.
    public mutating func skipValue() throws(JSONScanError) {
        skipWhitespace()
        guard offset < bytes.count else { throw error("expected a value") }
        switch bytes[offset] {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipContainer()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = offset
            while offset < bytes.count, Self.isNumberByte(bytes[offset]) { offset += 1 }
            if offset == start + 1, bytes[start] == UInt8(ascii: "-") { throw error("bad number") }
        default:
            throw error("unexpected byte \(bytes[offset])")
        }
    }

    // MARK: - Keys

    /// An object key, compared without building a `String` unless it holds escapes.
    public struct Key {
        fileprivate let scanner: UnsafeBufferPointer<UInt8>
        fileprivate let start: Int
        fileprivate let end: Int
        fileprivate let unescaped: String?

        static func == (key: Key, name: StaticString) -> Bool {
            if let unescaped = key.unescaped { return unescaped == String(describing: name) }
            let count = key.end - key.start
            guard count == name.utf8CodeUnitCount else { return false }
            let base = key.scanner.baseAddress! + key.start
            return memcmp(base, name.utf8Start, count) == 0
        }

        /// The key as a string (for maps whose keys are kept, such as labels).
        var string: String {
            unescaped ?? String(decoding: UnsafeBufferPointer(rebasing: scanner[start..<end]), as: UTF8.self)
        }

        /// The key as a string, reused from `cache` when it repeats (see `string(cache:slot:)`).
        func string(cache: inout JSONStringCache, slot: Int) -> String {
            unescaped ?? cache.string(slot: slot, bytes: UnsafeBufferPointer(rebasing: scanner[start..<end]))
        }
    }

    private mutating func keyToken() throws(JSONScanError) -> Key {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a key") }
        let (start, end, escaped) = try stringBounds()
        return Key(scanner: bytes, start: start, end: end, unescaped: escaped ? try unescape(start, end) : nil)
    }

    // MARK: - Lexing

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(JSONScanError) {
        skipWhitespace()
        guard offset < bytes.count, bytes[offset] == byte else { throw error("expected \(what)") }
        offset += 1
    }

    private mutating func literal(_ word: StaticString) throws(JSONScanError) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count, memcmp(bytes.baseAddress! + offset, word.utf8Start, count) == 0 else {
            throw error("bad literal")
        }
        offset += count
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"): return true
        default: return false
        }
    }

    /// Positioned at an opening quote: moves past the closing one and returns the content's
    /// bounds and whether it holds escapes. The closing quote is found with `memchr`, which
    /// is what makes long strings (image digests, messages) cheap.
    private mutating func stringBounds() throws(JSONScanError) -> (Int, Int, Bool) {
        let start = offset + 1
        var cursor = start
        var escaped = false
        let base = bytes.baseAddress!
        while true {
            guard cursor < bytes.count, let hit = memchr(base + cursor, Int32(UInt8(ascii: "\"")), bytes.count - cursor) else {
                throw error("unterminated string")
            }
            let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // The quote is escaped when an odd number of backslashes precede it.
            var backslashes = 0
            while quote - backslashes - 1 >= start, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes > 0 { escaped = true }
            if backslashes % 2 == 0 {
                if !escaped, memchr(base + start, Int32(UInt8(ascii: "\\")), quote - start) != nil { escaped = true }
                offset = quote + 1
                return (start, quote, escaped)
            }
            cursor = quote + 1
        }
    }

    /// Positioned at an opening quote: moves past the closing one. Like `stringBounds`
    /// without noting escapes, which skipped strings do not need.
    private mutating func skipString() throws(JSONScanError) {
        let base = bytes.baseAddress!
        var cursor = offset + 1
        while true {
            guard cursor < bytes.count, let hit = memchr(base + cursor, Int32(UInt8(ascii: "\"")), bytes.count - cursor) else {
                throw error("unterminated string")
            }
            let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            // The quote is escaped when an odd number of backslashes precede it.
            var backslashes = 0
            while quote - backslashes - 1 > offset, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            cursor = quote + 1
            if backslashes % 2 == 0 { offset = cursor; return }
        }
    }

    /// Skips an object or array by bracket balance; strings inside are skipped whole, so
    /// brackets in them do not count.
    private mutating func skipContainer() throws(JSONScanError) {
        var depth = 0
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                try skipString()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { offset += 1; return }
            default:
                break
            }
            offset += 1
        }
        throw error("unexpected end inside a skipped value")
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Decodes a string with escapes (`\n`, `\"`, `\u001b`, surrogate pairs). A lone
    /// surrogate becomes U+FFFD, as in Foundation.
    private func unescape(_ start: Int, _ end: Int) throws(JSONScanError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        while i < end {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            guard i + 1 < end else { throw error("bad escape") }
            i += 2
            switch bytes[i - 1] {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i, end: end)
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 6 <= end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u"),
                   case let low = try hex4(at: i + 2, end: end), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default:
                throw error("bad escape")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hex4(at index: Int, end: Int) throws(JSONScanError) -> UInt32 {
        guard index + 4 <= end else { throw error("bad \\u escape") }
        var value: UInt32 = 0
        for k in index..<(index + 4) {
            let digit: UInt32
            switch bytes[k] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(bytes[k] - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(bytes[k] - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(bytes[k] - UInt8(ascii: "A") + 10)
            default: throw error("bad \\u escape")
            }
            value = value << 4 | digit
        }
        return value
    }

    private func error(_ reason: String) -> JSONScanError {
        JSONScanError(offset: offset, reason: reason)
    }
}
