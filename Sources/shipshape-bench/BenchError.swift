/// Why a measurement could not be taken: the benchmark exits non-zero only for these,
/// never because a figure missed its target.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
