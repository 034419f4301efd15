/// One short phrase for why decoding a tool's answer failed, for a pane's error line.
public enum DecodeFailure {
    public static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return "corrupt data: \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _): return "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context): return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.valueNotFound(_, let context): return "null at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return String(String(describing: error).prefix(120))
        }
    }
}
