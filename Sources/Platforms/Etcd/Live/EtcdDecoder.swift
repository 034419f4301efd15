import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules
import EtcdPanes

/// Turns etcdctl's JSON into model values. Pure, so the odd cases (uint64 IDs above
/// 2^53, omitted fields, unstarted learners, "no leader") are tested without etcd.
public enum EtcdDecoder {
    public struct Members: Sendable, Equatable {
        public var clusterID: UInt64?
        public var members: [EtcdMember]
    }

    public static func members(_ bytes: [UInt8]) throws -> Members {
        let wire = try JSONDecoder().decode(EtcdWire.MemberList.self, from: Data(bytes))
        let members = (wire.members ?? []).map { member in
            EtcdMember(
                id: member.ID,
                name: Sanitizer.line(member.name ?? "", maxLength: 128),
                peerURLs: (member.peerURLs ?? []).map { Sanitizer.line($0, maxLength: 256) },
                clientURLs: (member.clientURLs ?? []).map { Sanitizer.line($0, maxLength: 256) },
                isLearner: member.isLearner ?? false,
                health: (member.name ?? "").isEmpty ? .unstarted : .unknown
            )
        }
        return Members(clusterID: wire.header?.cluster_id, members: members)
    }

    /// The status entries of `endpoint status -w json` (one per endpoint asked).
    public static func statuses(_ bytes: [UInt8]) throws -> [EtcdEndpointStatus] {
        try JSONDecoder().decode([EtcdWire.EndpointStatus].self, from: Data(bytes)).map { entry in
            let status = entry.Status
            return EtcdEndpointStatus(
                endpoint: Sanitizer.line(entry.Endpoint, maxLength: 256),
                memberID: status.header?.member_id ?? 0,
                version: Sanitizer.line(status.version ?? "?", maxLength: 32),
                dbSize: status.dbSize ?? 0,
                dbSizeInUse: status.dbSizeInUse,
                // Absent (or 0) when the member knows no leader: etcd never assigns ID 0.
                leader: status.leader.flatMap { $0 == 0 ? nil : $0 },
                raftTerm: status.raftTerm ?? 0,
                raftIndex: status.raftIndex ?? 0,
                raftAppliedIndex: status.raftAppliedIndex ?? 0,
                errors: (status.errors ?? []).map { Sanitizer.line($0, maxLength: 200) },
                isLearner: status.isLearner ?? false
            )
        }
    }

    /// `endpoint health -w json`: endpoint → (healthy, error text).
    public static func health(_ bytes: [UInt8]) throws -> [(endpoint: String, healthy: Bool, error: String?)] {
        try JSONDecoder().decode([EtcdWire.EndpointHealth].self, from: Data(bytes)).map {
            ($0.endpoint, $0.health, $0.error.map { Sanitizer.line($0, maxLength: 200) })
        }
    }

    /// `get KEY -w json [--keys-only]`: whether the key exists and, unless only its
    /// presence was asked for, its value (invalid UTF-8 is replaced, then sanitised).
    public static func key(_ bytes: [UInt8], valueWanted: Bool) throws -> EtcdKeyValue {
        let range = try JSONDecoder().decode(EtcdWire.Range.self, from: Data(bytes))
        guard let first = range.kvs?.first else { return .absent }
        guard valueWanted else { return .present }
        guard let encoded = first.value else { return .value("") }
        guard let data = Data(base64Encoded: encoded) else { throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: "value is not base64")) }
        return .value(Sanitizer.line(String(decoding: data, as: UTF8.self), maxLength: 512))
    }

    /// `get PREFIX --prefix --keys-only --limit=1 -w json`: how many keys match.
    public static func count(_ bytes: [UInt8]) throws -> Int64 {
        let range = try JSONDecoder().decode(EtcdWire.Range.self, from: Data(bytes))
        return range.count ?? Int64(range.kvs?.count ?? 0)
    }
}
