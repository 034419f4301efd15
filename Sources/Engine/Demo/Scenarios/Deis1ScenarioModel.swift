/// The Deis v1 scenario format: what the demo sandboxes serve, and (its `fleet` part)
/// what the fleetctl stand-in in Tests/Support reads, so tests and demo share scenarios.
/// etcd member IDs are JSON numbers above 2^53 and decode exactly into `UInt64`.
struct Deis1ScenarioModel: Codable, Sendable {
    var etcd: EtcdScenario
    var fleet: FleetScenario
}

struct EtcdScenario: Codable, Sendable {
    var clusterID: UInt64
    /// The member every member reports as leader while quorum holds.
    var leader: UInt64?
    var members: [Member]
    /// Keys and values (v3 keyspace).
    var keys: [String: String]
    var revision: Int64?

    struct Member: Codable, Sendable {
        var id: UInt64
        /// Absent for a member that was added but never started.
        var name: String?
        var peerURLs: [String]
        var clientURLs: [String]?
        var isLearner: Bool?
        /// A stopped member: it answers nothing.
        var down: Bool?
        var version: String?
        var dbSize: Int64?
        var raftIndex: UInt64?
        var raftTerm: UInt64?
    }
}

struct FleetScenario: Codable, Sendable {
    /// The endpoint the cluster answers on; calls pinned elsewhere fail as unreachable.
    var endpoint: String?
    var machines: [Machine]
    var units: [Unit]
    /// Submitted template units (`deis-router@.service`) that `start` can instantiate.
    var templates: [String: Template]?
    /// What `/run/deis/bin/preseed` pulls on a machine.
    var preseedImages: [String]?

    struct Machine: Codable, Sendable {
        var id: String
        var ip: String?
        var metadata: [String: String]?
        var images: [String]?
    }

    struct Unit: Codable, Sendable {
        var name: String
        var machine: String?
        var active: String
        var sub: String
        var load: String?
        var hash: String?
    }

    struct Template: Codable, Sendable {
        /// `Conflicts=` glob: no machine may run two units matching it.
        var conflicts: String?
        /// `MachineMetadata=` requirements.
        var metadata: [String: String]?
    }
}
