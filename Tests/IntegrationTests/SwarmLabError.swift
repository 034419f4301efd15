/// A harness step that could not be done, with what to do about it.
struct SwarmLabError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
