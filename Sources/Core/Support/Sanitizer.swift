/// Makes cluster-supplied text safe to draw and log: no escape sequences, no control
/// characters, no bidi overrides — a node named "\u{1b}]0;pwned\u{7}" shows as
/// "?]0;pwned?" instead of retitling the operator's terminal.
public enum Sanitizer {
    public static func line(_ text: String, maxLength: Int = 256) -> String {
        // Fast path: printable ASCII within the limit is already safe and is returned as
        // is (no copy). Most cluster names are; this runs for every node on every refresh
        // and for every visible cell on every frame.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.count <= maxLength && bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
        if plain == true { return text }
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= maxLength { out.append("…"); break }
            out.append(isSafe(scalar) ? scalar : (scalar == "\n" || scalar == "\t" ? " " : "?"))
            count += 1
        }
        return String(out)
    }

    static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return false          // C0, DEL, C1 controls (incl. CSI 0x9B)
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return false // bidi overrides
        case 0xFFF9...0xFFFB: return false
        default:
            return scalar.properties.generalCategory != .unassigned
                && scalar.properties.generalCategory != .privateUse
                && scalar.properties.generalCategory != .surrogate
        }
    }
}
