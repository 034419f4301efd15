import ShipshapeCore
/// SWARM-NOTIFICATIONS: incident readiness lives in MedStack Control, not in docker.
public struct SwarmNotificationsRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-NOTIFICATIONS", title: "Incident notifications are enabled", severity: .info, platforms: [.swarm],
        seed: SwarmSeed.section("Incident response"),
        rationale: "Enable notifications in MedStack Control, share your incident readiness and response protocols with MedStack, and know how to reach their help desk."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "MedStack Control") { _ in
            [finding(.manual, subject: "MedStack Control",
                     "confirm by hand: notifications enabled in MedStack Control, response protocol shared, help desk contact known")]
        }
    }
}
