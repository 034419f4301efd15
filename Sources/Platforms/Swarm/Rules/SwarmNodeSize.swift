import ShipshapeCore
/// Compares a node's resources with a policy size. Memory counts as enough at 90%
/// of the size, because the kernel keeps part of a VM's RAM for itself: a 4 GiB
/// node reports about 3.8 GiB to Docker.
enum SwarmNodeSize {
    static let memoryTolerance = 0.9

    enum Outcome {
        case meets(String)
        case below(String)
        case unknown
    }

    static func check(_ node: SwarmNode, minCPUs: Double, minMemory: Int64) -> Outcome {
        guard let cpus = node.cpus, let memory = node.memoryBytes else { return .unknown }
        let has = "\(SwarmFormat.cpus(cpus)) CPU, \(SwarmFormat.gib(memory))"
        let wants = "\(SwarmFormat.cpus(minCPUs)) CPU, \(SwarmFormat.gib(minMemory))"
        if cpus + 0.001 >= minCPUs && Double(memory) >= Double(minMemory) * memoryTolerance {
            return .meets("\(has) (wants \(wants))")
        }
        return .below("\(has): below the \(wants) production size")
    }
}
