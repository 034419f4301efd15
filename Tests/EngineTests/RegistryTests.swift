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

/// The registry is the one list of platforms; these hold it to the shape issue 13 asks for.
@Suite struct RegistryTests {
    let registry = PlatformRegistry.standard

    @Test func fivePlatformsEachOnce() {
        #expect(registry.ids.map(\.rawValue) == ["workflow", "deckhouse", "deis1", "swarm", "etcd"])
        #expect(Set(registry.ids).count == registry.ids.count)
    }

    @Test func oneIDOneRuleAcrossThePlatforms() {
        #expect(RuleCatalog.duplicateIDs(in: registry.plugins).isEmpty)
        let ids = RuleCatalog(plugins: registry.plugins).ids
        #expect(ids.contains("NODES-READY") && ids.contains("SWARM-NODES-READY"))
    }

    @Test func everyPlatformHasADemoPanesAndDiscoveryHelp() throws {
        for plugin in registry.plugins {
            let clusters = try plugin.demoClusters(latencyMilliseconds: 0)
            #expect(!clusters.isEmpty, "\(plugin.id) has no demo")
            #expect(clusters.allSatisfy { $0.target.platform == plugin.id })
            #expect(!plugin.panes.isEmpty && !plugin.discoveryHelp.isEmpty && !plugin.rules.isEmpty)
        }
        #expect(Set(DemoScenario.all.map(\.name)) == ["workflow", "deckhouse", "deis-v1", "swarm", "etcd", "estate"])
    }

    @Test func theEstateDemoOpensEveryPlatform() throws {
        let adapters = try DemoScenario.estate.makeAdapters(latencyMilliseconds: 0)
        #expect(Set(adapters.map(\.target.platform)) == Set(registry.ids))
        #expect(Set(adapters.map(\.target.name)).count == adapters.count, "estate demo names collide")
    }

    @Test func capabilitiesAreWhatEachPlatformCanChange() throws {
        func adapter(_ id: PlatformID) throws -> any PlatformAdapter { try registry.plugin(for: id)!.demoClusters(latencyMilliseconds: 0)[0] }
        #expect(try adapter(.workflow) is any ReplicaScaling && adapter(.workflow) is any SettingToggle)
        #expect(try adapter(.deis1) is any ReplicaScaling && adapter(.deis1) is any ImagePreseeding)
        #expect(try adapter(.swarm) is any NodeMaintenance && adapter(.swarm) is any PlacementConstraining)
        #expect(try adapter(.deckhouse) is any UpdateWindowEditing && adapter(.deckhouse) is any SettingToggle)
        #expect(try adapter(.etcd) is any SnapshotTaking)
        #expect(try !(adapter(.deis1) is any SnapshotTaking), "a v3 snapshot holds none of Deis v1's v2 data")
        #expect(try !(adapter(.swarm) is any SnapshotTaking))
    }

    @Test func aDecodedTargetGetsItsPlatformsNameBack() throws {
        let decoded = try JSONDecoder().decode(PlatformID.self, from: Data("\"swarm\"".utf8))
        #expect(decoded == .swarm && decoded.displayName == "swarm")
        let adapter = try registry.adapter(for: Target(name: "s", platform: decoded, docker: DockerTarget(host: "unix:///x")), runner: SandboxRunner())
        #expect(adapter.target.platform.displayName == "Docker Swarm")
        #expect(throws: PinError.self) { try registry.adapter(for: Target(name: "x", platform: PlatformID("nope", displayName: "nope")), runner: SandboxRunner()) }
    }
}
