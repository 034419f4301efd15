import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes
/// The JSON etcdctl 3.4 prints with `-w json` (reference/cli-formats.md §1). Go
/// marshals the protobuf structs with `omitempty`, so every field may be absent;
/// IDs are decimal uint64 numbers and decode exactly into `UInt64`. Encodable too:
/// the demo's etcd sandbox answers with these same shapes.
enum EtcdWire {
    struct Header: Codable {
        var cluster_id: UInt64?
        var member_id: UInt64?
        var revision: Int64?
        var raft_term: UInt64?
    }

    /// `member list -w json`
    struct MemberList: Codable {
        var header: Header?
        var members: [Member]?
    }

    struct Member: Codable {
        var ID: UInt64
        var name: String?
        var peerURLs: [String]?
        var clientURLs: [String]?
        var isLearner: Bool?
    }

    /// One element of `endpoint status -w json`: the wrapper keys are capitalised.
    struct EndpointStatus: Codable {
        var Endpoint: String
        var Status: Status
    }

    struct Status: Codable {
        var header: Header?
        var version: String?
        var dbSize: Int64?
        var leader: UInt64?
        var raftIndex: UInt64?
        var raftTerm: UInt64?
        var raftAppliedIndex: UInt64?
        var errors: [String]?
        var dbSizeInUse: Int64?
        var isLearner: Bool?
    }

    /// One element of `endpoint health -w json`: these keys are lower case.
    struct EndpointHealth: Codable {
        var endpoint: String
        var health: Bool
        var took: String?
        var error: String?
    }

    /// `get KEY -w json`: keys and values are base64 (protobuf `bytes`).
    struct Range: Codable {
        var header: Header?
        var kvs: [KeyValue]?
        var more: Bool?
        var count: Int64?
    }

    struct KeyValue: Codable {
        var key: String
        var create_revision: Int64?
        var mod_revision: Int64?
        var version: Int64?
        var value: String?
    }
}
