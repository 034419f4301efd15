import ShipshapeCore
/// SWARM-HEALTHCHECK: every service has a health check, its own or its image's, so the load
/// balancer and the scheduler can tell a container that runs from one that serves.
public struct SwarmHealthCheckRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-HEALTHCHECK", title: "Every service has a health check", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Load Balancer Healthchecks"),
        rationale: "A container without a health check counts as healthy as soon as it starts: traffic reaches it before it can answer, and a hung one keeps receiving requests. Give each service a HEALTHCHECK in its image or --health-cmd on the service."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "services") { swarm in
            guard !swarm.services.isEmpty else {
                return [finding(.notApplicable, subject: "services", "the swarm runs no service")]
            }
            return swarm.services.map { service in
                switch service.healthCheck {
                case .defined:
                    return finding(.pass, subject: service.name, "health check set on the service")
                case .disabled:
                    return finding(.fail, subject: service.name, "health check turned off (--no-healthcheck): docker service update --no-healthcheck=false --health-cmd CMD \(service.name) (by hand)")
                case .inherited:
                    switch swarm.imageHealthChecks[service.image] {
                    case true?:
                        return finding(.pass, subject: service.name, "health check from the image \(service.image)")
                    case false?:
                        return finding(.fail, subject: service.name, "no health check: neither the service nor the image \(service.image) declares one; add HEALTHCHECK to the image or --health-cmd to the service (by hand)")
                    case nil:
                        if case .unreadable(let why)? = swarm.images[service.image] {
                            return finding(.error, subject: service.name, "cannot decide: \(why)")
                        }
                        return finding(.manual, subject: service.name, "the service sets no health check and its image \(service.image) is not in the pinned daemon's store: check the image for a HEALTHCHECK by hand")
                    }
                }
            }
        }
    }
}
