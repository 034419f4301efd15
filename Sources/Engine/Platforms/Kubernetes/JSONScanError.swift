/// Where and why the bytes are not the JSON expected.
struct JSONScanError: Error, CustomStringConvertible {
    let offset: Int
    let reason: String
    var description: String { "\(reason) at byte \(offset)" }
}
