import ShipshapeCore
/// SWARM-IMAGE-SIZE: service images stay under the policy size. Sizes are read from
/// the pinned manager's image store, the only one docker can reach from here.
public struct SwarmImageSizeRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-IMAGE-SIZE", title: "Service images are small", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Optimize Docker application"),
        rationale: "Small images download faster, which decides deployment and failover time. Keep images under the policy size (default 1 GiB): multi-stage builds, slim bases."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "services") { swarm in
            swarm.services.map { service in
                let limit = SwarmFormat.gib(policy.swarmImageMaxBytes)
                switch swarm.images[service.image] {
                case .size(let bytes)?:
                    return bytes > policy.swarmImageMaxBytes
                        ? finding(.fail, subject: service.name, "image \(service.image) is \(SwarmFormat.gib(bytes)), over \(limit); slim it down (by hand)")
                        : finding(.pass, subject: service.name, "image \(service.image) is \(SwarmFormat.gib(bytes)) (limit \(limit))")
                case .absent?, nil:
                    return finding(.manual, subject: service.name, "image \(service.image) is not in the pinned daemon's store; check its size on a node that runs it")
                case .unreadable(let why)?:
                    return finding(.error, subject: service.name, "cannot decide: \(why)")
                }
            }
        }
    }
}
