import ShipshapeCore
/// SWARM-BIND-MOUNTS: services use volumes, not bind mounts of host paths.
public struct SwarmBindMountsRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-BIND-MOUNTS", title: "No service uses a bind mount", severity: .warning, platforms: [.swarm],
        seed: SwarmSeed.section("Optimize Docker application"),
        rationale: "Bind mounts are convenient in development but not available in production: they tie a service to one host's directory layout. Switch to named volumes."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "services") { swarm in
            let findings = swarm.services.compactMap { service -> Finding? in
                let binds = service.mounts.filter { $0.type == "bind" }
                guard !binds.isEmpty else { return nil }
                let list = binds.map { "\($0.source) → \($0.target)" }.joined(separator: ", ")
                return finding(.fail, subject: service.name, "bind mount \(list); switch to a named volume (by hand)")
            }
            return findings.isEmpty ? [finding(.pass, subject: "services", "no service uses a bind mount")] : findings
        }
    }
}
