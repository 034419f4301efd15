import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import Deis1Rules
import Deis1Panes
import EtcdRules
import EtcdPlatform
/// The Deis v1 scenario format: what the demo sandboxes serve (etcd's v2 and v3 stores, fleet,
/// deisctl working on both).
/// etcd member IDs are JSON numbers above 2^53 and decode exactly into `UInt64`.
struct Deis1ScenarioModel: Codable, Sendable {
    var etcd: EtcdScenario
    var fleet: FleetScenario
}

struct FleetScenario: Codable, Sendable {
    /// The endpoint the cluster answers on; calls pinned elsewhere fail as unreachable.
    var endpoint: String?
    /// `etcd` when `endpoint` is etcd (fleet's registry, the Deis v1 era), else fleet's API.
    var driver: String?
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
        /// The etcd (member or proxy) answering on this machine's localhost; nil: none.
        var etcdVersion: String?
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
