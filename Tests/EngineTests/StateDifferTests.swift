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

@Suite struct StateDifferTests {
    func snapshot(nodes: [KubeNode], routerReplicas: Int) -> Snapshot {
        let pods = (0..<routerReplicas).map { StateBuilders.pod("r\($0)", node: "n\($0)") }
        let state = StateBuilders.state(deployments: [StateBuilders.deployment("deis-router", replicas: routerReplicas)], pods: pods, nodes: nodes)
        let findings = RuleEngine(rules: [NodesReadyRule(), RouterScaleRule()]).evaluate(state)
        return Snapshot(state: state, findings: findings, duration: .zero)
    }

    @Test func nodeReadinessReplicasAndFindings() {
        let before = snapshot(nodes: [StateBuilders.node("a"), StateBuilders.node("b")], routerReplicas: 1)
        let after = snapshot(nodes: [StateBuilders.node("a"), StateBuilders.node("b", ready: false), StateBuilders.node("c")], routerReplicas: 2)
        let events = StateDiffer.events(from: before, to: after, platform: WorkflowPlugin())
        let kinds = events.map(\.kind)
        #expect(kinds.contains(.nodeNotReady))
        #expect(kinds.contains(.nodeAdded))
        #expect(events.contains { $0.kind == .replicasChanged && $0.text == "desired replicas 1 → 2" })
        #expect(events.contains { $0.kind == .findingAppeared && $0.text.hasPrefix("NODES-READY") && $0.isAlarming })
        #expect(events.contains { $0.kind == .findingCleared && $0.text == "WF-ROUTER-SCALE cleared" })
    }

    @Test func noChangeNoEvents() {
        let one = snapshot(nodes: [StateBuilders.node("a")], routerReplicas: 2)
        #expect(StateDiffer.events(from: one, to: one, platform: WorkflowPlugin()).isEmpty)
    }

    @Test func backoffDoublesAndResets() {
        var schedule = WatchSchedule(interval: 5)
        #expect(schedule.nextDelay == 5)
        schedule.record(success: false)
        #expect(schedule.nextDelay == 10)
        for _ in 0..<5 { schedule.record(success: false) }
        #expect(schedule.nextDelay == 40)
        schedule.record(success: true)
        #expect(schedule.nextDelay == 5 && !schedule.isBackingOff)
    }
}
