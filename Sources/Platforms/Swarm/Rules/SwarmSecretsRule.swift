import ShipshapeCore
/// SWARM-SECRETS: secret-looking variables do not carry plain values. Only names
/// reach this rule; values were classified and dropped by the decoder.
public struct SwarmSecretsRule: Rule {
    public let info = RuleInfo(
        id: "SWARM-SECRETS", title: "Secrets come from Docker secrets, not plain environment", severity: .error, platforms: [.swarm],
        seed: SwarmSeed.section("Optimize Docker application"),
        rationale: "A password or token in a service's environment is stored in the service spec and shown to anyone who can inspect the service. Use docker secrets (and configs): the value is mounted under /run/secrets and read through *_FILE variables."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        withSwarm(state, subject: "services") { swarm in
            let findings = swarm.services.compactMap { service -> Finding? in
                let plain = service.env.filter(\.isPlainSecret).map(\.name)
                guard !plain.isEmpty else { return nil }
                return finding(.fail, subject: service.name,
                               "\(plain.joined(separator: ", ")) set in plain environment (value not shown); move to a secret: docker secret create NAME -, then --secret NAME and \(plain[0])_FILE=/run/secrets/NAME (by hand)")
            }
            let withSecrets = swarm.services.filter { !$0.secrets.isEmpty || !$0.configs.isEmpty }.count
            return findings.isEmpty
                ? [finding(.pass, subject: "services", "no secret-looking variable holds a plain value; \(withSecrets) service(s) use secrets or configs")]
                : findings
        }
    }
}
