import Foundation
import ShipshapeCore

/// Case-insensitive substring search and a natural ("node-2" before "node-10") order, on
/// text lowered once. The filter of a 5,000-row pane runs on every key typed, so rows keep
/// their lowered text as bytes and matching is a byte search.
public enum TextMatch {
    /// `text` lowered for searching, as UTF-8 bytes.
    public static func folded(_ text: String) -> [UInt8] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        }
        return Array(text.lowercased().utf8)
    }

    /// True when `needle` (already folded) occurs in `haystack` (already folded).
    public static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        let first = needle[0]
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var i = 0
                let last = hay.count - pin.count
                while i <= last {
                    if hay[i] == first {
                        var j = 1
                        while j < pin.count, hay[i + j] == pin[j] { j += 1 }
                        if j == pin.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Where `needle` occurs in `text`, ignoring case; non-overlapping, left to right.
    public static func ranges(of needle: String, in text: String) -> [Range<String.Index>] {
        guard !needle.isEmpty, !text.isEmpty else { return [] }
        // ASCII, the common case of every frame: a byte search, no Foundation.
        if text.utf8.allSatisfy({ $0 < 0x80 }), needle.utf8.allSatisfy({ $0 < 0x80 }) {
            let hay = folded(text), pin = folded(needle)
            guard hay.count >= pin.count else { return [] }
            var found: [Range<String.Index>] = []
            var i = 0
            while i <= hay.count - pin.count {
                if hay[i] == pin[0], Array(hay[i..<(i + pin.count)]) == pin {
                    let lower = text.utf8.index(text.utf8.startIndex, offsetBy: i)
                    found.append(lower..<text.utf8.index(lower, offsetBy: pin.count))
                    i += pin.count
                } else {
                    i += 1
                }
            }
            return found
        }
        var found: [Range<String.Index>] = []
        var start = text.startIndex
        while start < text.endIndex, let range = text.range(of: needle, options: [.caseInsensitive], range: start..<text.endIndex) {
            guard !range.isEmpty else { break }
            found.append(range)
            start = range.upperBound
        }
        return found
    }

    /// Natural order on folded text: digit runs compare as numbers.
    public static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var i = 0, j = 0
        while i < a.count, j < b.count {
            let x = a[i], y = b[j]
            if isDigit(x), isDigit(y) {
                var ei = i, ej = j
                while ei < a.count, isDigit(a[ei]) { ei += 1 }
                while ej < b.count, isDigit(b[ej]) { ej += 1 }
                // Skip leading zeros, then the longer run is the larger number.
                var si = i, sj = j
                while si < ei - 1, a[si] == 0x30 { si += 1 }
                while sj < ej - 1, b[sj] == 0x30 { sj += 1 }
                if ei - si != ej - sj { return ei - si < ej - sj }
                while si < ei {
                    if a[si] != b[sj] { return a[si] < b[sj] }
                    si += 1; sj += 1
                }
                i = ei; j = ej
                continue
            }
            if x != y { return x < y }
            i += 1; j += 1
        }
        return a.count - i < b.count - j
    }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
