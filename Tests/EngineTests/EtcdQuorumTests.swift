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

/// Quorum arithmetic and the sentence the etcd pane shows.
@Suite("etcd quorum")
struct EtcdQuorumTests {
    @Test("majority, tolerance and what remains", arguments: [
        (1, 0, 1, 0, 0, true), (2, 0, 2, 0, 0, true), (3, 0, 2, 1, 1, true), (3, 1, 2, 1, 0, true), (3, 2, 2, 1, -1, false),
        (4, 0, 3, 1, 1, true), (4, 2, 3, 1, -1, false), (5, 1, 3, 2, 1, true), (5, 2, 3, 2, 0, true), (7, 0, 4, 3, 3, true),
    ])
    func arithmetic(voting: Int, down: Int, quorumSize: Int, tolerates: Int, remaining: Int, hasQuorum: Bool) {
        let quorum = EtcdQuorum(voting: voting, down: down)
        #expect(quorum.quorumSize == quorumSize)
        #expect(quorum.tolerates == tolerates)
        #expect(quorum.remaining == remaining)
        #expect(quorum.hasQuorum == hasQuorum)
    }

    @Test("the sentences")
    func sentences() {
        #expect(EtcdQuorum(voting: 3, down: 0).sentence == "3 members, tolerates 1 failure; 0 down, 1 more failure tolerated")
        #expect(EtcdQuorum(voting: 3, down: 1).sentence == "3 members, tolerates 1 failure; 1 down, 0 more failures tolerated")
        #expect(EtcdQuorum(voting: 3, down: 2).sentence == "3 members, tolerates 1 failure; 2 down, quorum lost")
        #expect(EtcdQuorum(voting: 5, down: 1).sentence == "5 members, tolerates 2 failures; 1 down, 1 more failure tolerated")
        #expect(EtcdQuorum(voting: 1, down: 0).sentence == "1 member, tolerates 0 failures; 0 down, 0 more failures tolerated")
        #expect(EtcdQuorum(voting: 3, learners: 1, down: 0).sentence == "3 members (+1 learner), tolerates 1 failure; 0 down, 1 more failure tolerated")
        #expect(EtcdQuorum(voting: 0, learners: 1, down: 0).sentence == "no voting members (1 learner)")
    }

    @Test("from members: down and unstarted count, unhealthy but answering does not, learners do not vote")
    func fromMembers() {
        let members = [Deis1Fixtures.member(1), Deis1Fixtures.member(2, health: .down("context deadline exceeded")),
                       Deis1Fixtures.member(3, health: .unhealthy("no leader")), Deis1Fixtures.member(4, health: .unstarted, learner: true),
                       Deis1Fixtures.member(5, health: .unstarted)]
        let quorum = EtcdQuorum(members: members)
        #expect(quorum.voting == 4 && quorum.learners == 1 && quorum.down == 2)
        #expect(!quorum.hasQuorum)
    }

    @Test("raft lag is measured against the most advanced member")
    func lag() {
        let state = EtcdState(members: [Deis1Fixtures.member(1, raftIndex: 120), Deis1Fixtures.member(2, raftIndex: 100),
                                        Deis1Fixtures.member(3, health: .down("x"))])
        #expect(state.raftLag(of: state.members[0]) == 0)
        #expect(state.raftLag(of: state.members[1]) == 20)
        #expect(state.raftLag(of: state.members[2]) == nil)
        // The fixtures' members all report member 1 (ID 1<<60) as leader.
        #expect(state.leader?.name == "infra1")
    }
}
