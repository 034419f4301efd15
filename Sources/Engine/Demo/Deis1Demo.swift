/// The Deis v1 demo (fleet + etcd). Not built yet.
enum Deis1Demo {
    static let json = "{}"

    static func makeAdapter(latencyMilliseconds: Int) throws -> any PlatformAdapter {
        throw SandboxError.badScenario("the deis-v1 demo is not available yet")
    }
}
