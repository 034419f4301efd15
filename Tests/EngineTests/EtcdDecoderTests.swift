import Foundation
import Testing
@testable import ShipshapeCore
@testable import ShipshapeRunner
@testable import PaneKit
@testable import PlatformKit
@testable import KubernetesRules
@testable import KubernetesPanes
@testable import KubernetesKit
@testable import EtcdRules
@testable import EtcdPanes
@testable import EtcdPlatform
@testable import WorkflowRules
@testable import WorkflowPanes
@testable import WorkflowPlatform
@testable import DeckhouseRules
@testable import DeckhousePanes
@testable import DeckhousePlatform
@testable import Deis1Rules
@testable import Deis1Panes
@testable import Deis1Platform
@testable import SwarmRules
@testable import SwarmPanes
@testable import SwarmPlatform
@testable import ShipshapePlatforms
@testable import Engine
import TestKit

/// etcdctl 3.4 JSON (reference/cli-formats.md §1.2–1.4), including the IDs above 2^53
/// that a Double would round.
@Suite("etcd decoder")
struct EtcdDecoderTests {
    static let memberList = #"{"header":{"cluster_id":17237436991929493444,"member_id":9372538179322589801,"raft_term":2},"members":[{"ID":9372538179322589801,"name":"infra1","peerURLs":["http://127.0.0.1:12380"],"clientURLs":["http://127.0.0.1:2379"]},{"ID":10501334649042878790,"name":"infra2","peerURLs":["http://127.0.0.1:22380"],"clientURLs":["http://127.0.0.1:22379"]},{"ID":18249187646912138824,"name":"infra3","peerURLs":["http://127.0.0.1:32380"],"clientURLs":["http://127.0.0.1:32379"]}]}"#

    @Test("member IDs are exact uint64 values and print as etcdctl's hex")
    func memberIDs() throws {
        let decoded = try EtcdDecoder.members(Array(Self.memberList.utf8))
        #expect(decoded.clusterID == 17_237_436_991_929_493_444)
        #expect(decoded.members.map(\.id) == [9_372_538_179_322_589_801, 10_501_334_649_042_878_790, 18_249_187_646_912_138_824])
        #expect(decoded.members.map(\.hexID) == ["8211f1d0f64f3269", "91bc3c398fb3c146", "fd422379fda50e48"])
        // Through a Double the last digits would be lost: the decoder must not go that way.
        #expect(UInt64(exactly: Double(18_249_187_646_912_138_824 as UInt64)) != 18_249_187_646_912_138_824)
        #expect(decoded.members[2].name == "infra3" && decoded.members[2].clientURLs == ["http://127.0.0.1:32379"])
        #expect(decoded.members.allSatisfy { !$0.isLearner && $0.isStarted })
    }

    @Test("an unstarted learner has no name and no client URLs; the largest uint64 decodes")
    func unstartedLearner() throws {
        let json = #"{"members":[{"ID":18054585656621982245,"peerURLs":["http://127.0.0.1:42380"],"isLearner":true},{"ID":18446744073709551615,"name":"max","peerURLs":[]}]}"#
        let decoded = try EtcdDecoder.members(Array(json.utf8))
        let learner = decoded.members[0]
        #expect(learner.hexID == "fa8ec5ff55d0e225")
        #expect(learner.isLearner && !learner.isStarted && learner.clientURLs.isEmpty && learner.health == .unstarted)
        #expect(learner.displayName == "fa8ec5ff55d0e225")
        #expect(decoded.members[1].id == UInt64.max && decoded.members[1].hexID == "ffffffffffffffff")
        #expect(decoded.clusterID == nil)
        // etcdctl prints IDs with %x: no zero padding.
        #expect(EtcdMember(id: 0x0587_cde3_3ad3_fd66, name: "x", peerURLs: [], clientURLs: []).hexID == "587cde33ad3fd66")
    }

    @Test("an ID beyond uint64 is rejected, not wrapped")
    func overflowRejected() {
        #expect(throws: (any Error).self) {
            try EtcdDecoder.members(Array(#"{"members":[{"ID":18446744073709551616,"name":"x"}]}"#.utf8))
        }
    }

    @Test("endpoint status: leader is leader == header.member_id; two spellings of term")
    func status() throws {
        let json = #"[{"Endpoint":"http://127.0.0.1:2379","Status":{"header":{"cluster_id":17237436991929493444,"member_id":9372538179322589801,"revision":1,"raft_term":2},"version":"3.4.23","dbSize":20480,"leader":18249187646912138824,"raftIndex":8,"raftTerm":2,"raftAppliedIndex":8,"dbSizeInUse":16384}},{"Endpoint":"http://127.0.0.1:32379","Status":{"header":{"cluster_id":17237436991929493444,"member_id":18249187646912138824,"revision":1,"raft_term":2},"version":"3.4.23","dbSize":20480,"leader":18249187646912138824,"raftIndex":8,"raftTerm":2,"raftAppliedIndex":8,"dbSizeInUse":16384}}]"#
        let statuses = try EtcdDecoder.statuses(Array(json.utf8))
        #expect(statuses.count == 2)
        #expect(!statuses[0].isLeader && statuses[1].isLeader)
        #expect(statuses[0].leader == 18_249_187_646_912_138_824 && statuses[0].memberID == 9_372_538_179_322_589_801)
        #expect(statuses[0].dbSize == 20480 && statuses[0].dbSizeInUse == 16384 && statuses[0].raftTerm == 2 && statuses[0].raftIndex == 8)
        #expect(statuses[0].errors.isEmpty && statuses[0].version == "3.4.23")
    }

    @Test("no leader: the field is absent and errors say so")
    func noLeader() throws {
        let json = #"[{"Endpoint":"http://127.0.0.1:2379","Status":{"header":{"cluster_id":17237436991929493444,"member_id":9372538179322589801,"revision":1,"raft_term":3},"version":"3.4.23","dbSize":20480,"raftIndex":18,"raftTerm":3,"raftAppliedIndex":18,"errors":["etcdserver: no leader"],"dbSizeInUse":16384}}]"#
        let status = try #require(try EtcdDecoder.statuses(Array(json.utf8)).first)
        #expect(status.leader == nil && !status.isLeader && status.errors == ["etcdserver: no leader"])
    }

    @Test("endpoint health: lower-case keys, error only when unhealthy")
    func health() throws {
        let json = #"[{"endpoint":"http://127.0.0.1:32379","health":true,"took":"2.688759ms"},{"endpoint":"http://127.0.0.1:22379","health":false,"took":"5.000488544s","error":"context deadline exceeded"}]"#
        let entries = try EtcdDecoder.health(Array(json.utf8))
        #expect(entries.count == 2)
        #expect(entries[0].healthy && entries[0].error == nil)
        #expect(!entries[1].healthy && entries[1].error == "context deadline exceeded")
    }

    @Test("get -w json: base64 value, absence, presence only")
    func keys() throws {
        let found = #"{"header":{"cluster_id":1,"member_id":2,"revision":3,"raft_term":2},"kvs":[{"key":"L2RlaXMvY29udHJvbGxlci9yZWdpc3RyYXRpb25Nb2Rl","create_revision":2,"mod_revision":2,"version":1,"value":"ZW5hYmxlZA=="}],"count":1}"#
        #expect(try EtcdDecoder.key(Array(found.utf8), valueWanted: true) == .value("enabled"))
        let missing = #"{"header":{"cluster_id":1,"member_id":2,"revision":3,"raft_term":2}}"#
        #expect(try EtcdDecoder.key(Array(missing.utf8), valueWanted: true) == .absent)
        let keysOnly = #"{"header":{"revision":3},"kvs":[{"key":"L2RlaXMvcm91dGVyL3NzbEtleQ==","create_revision":2,"mod_revision":2,"version":1}],"count":1}"#
        #expect(try EtcdDecoder.key(Array(keysOnly.utf8), valueWanted: false) == .present)
        let withEscape = "{\"kvs\":[{\"key\":\"eA==\",\"value\":\"\(Data("a\u{1b}]0;x\u{07}b".utf8).base64EncodedString())\"}]}"
        #expect(try EtcdDecoder.key(Array(withEscape.utf8), valueWanted: true) == .value("a?]0;x?b"))
        let counted = #"{"kvs":[{"key":"eA=="}],"more":true,"count":2}"#
        #expect(try EtcdDecoder.count(Array(counted.utf8)) == 2)
    }

    @Test("etcdctl's stderr: the Error line, not the zap JSON noise")
    func stderrReason() {
        let stderr = #"{"level":"warn","ts":"2026-11-25T11:34:09.318Z","caller":"clientv3/retry_interceptor.go:62","msg":"retrying of unary invoker failed"}"# + "\nError: context deadline exceeded\n"
        #expect(EtcdStderr.reason(stderr) == "context deadline exceeded")
        #expect(EtcdStderr.reason("Failed to get the status of endpoint http://x (context deadline exceeded)\n")
                == "Failed to get the status of endpoint http://x (context deadline exceeded)")
        #expect(EtcdStderr.reason("") == "no reason given")
        let error = EtcdStderr.probeError(.nonZeroExit(command: "etcdctl", status: 1, stderr: stderr), what: "etcd members")
        #expect(error.kind == .unreachable && error.message == "etcd members: etcd unreachable — context deadline exceeded")
    }
}
