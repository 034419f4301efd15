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

/// How the estate resolver picks the requests and gives each its platform. The plug-ins here
/// are test doubles of the protocol (what a platform answers is tested against the real
/// tools in the integration suites); what is under test is the resolver's own order of things.
@Suite struct EstateResolverTests {
    struct Plugin: PlatformPlugin {
        var id: PlatformID
        var rank: Int
        var answer: Detection
        var found: [TargetRequest] = []
        var acceptsDocker = false

        var rules: [any Rule] { [] }
        var panes: [PaneSpec] { [] }
        var discoveryHelp: String { "test" }
        var detectionRank: Int { rank }
        func accepts(_ request: TargetRequest) -> Bool { acceptsDocker ? request.docker != nil : request.etcd != nil }
        func detect(_ request: TargetRequest, runner: any CommandRunner) async -> Detection { answer }
        func discover(environment: [String: String], runner: any CommandRunner) async -> [TargetRequest] { found }
        func pin(_ request: TargetRequest, environment: [String: String], runner: any CommandRunner) async throws -> Target {
            Target(name: request.name ?? id.rawValue, platform: id)
        }
        func makeAdapter(for target: Target, runner: any CommandRunner) -> any PlatformAdapter { EtcdLikeAdapter(target: target) }
        func demoClusters(latencyMilliseconds: Int) throws -> [any PlatformAdapter] { [] }
        func boardFacts(_ cluster: ClusterView) -> BoardFacts { BoardFacts() }
    }

    struct EtcdLikeAdapter: PlatformAdapter {
        let target: Target
        var runner: any CommandRunner { SandboxRunner() }
        func probe() async -> ClusterState { ClusterState(target: target) }
    }

    static let a = PlatformID("a", displayName: "A"), b = PlatformID("b", displayName: "B")
    let etcdOnly = TargetRequest(origin: .environment("ETCDCTL_ENDPOINTS"), etcd: .init(endpoints: ["http://e:2379"]))
    let deis = TargetRequest(origin: .environment("FLEETCTL_ENDPOINT"), etcd: .init(endpoints: ["http://e:2379"]), fleet: .init(endpoint: "http://e:2379"))

    func resolver(_ plugins: [any PlatformPlugin]) -> EstateResolver {
        EstateResolver(plugins: plugins, runner: SandboxRunner(), environment: [:])
    }

    @Test func aRequestWhosePinsAnotherHasIsPartOfIt() async {
        // ETCDCTL_ENDPOINTS beside FLEETCTL_ENDPOINT is one Deis v1 cluster, whichever plug-in found it first.
        for order in [[etcdOnly, deis], [deis, etcdOnly]] {
            let plugins = order.map { Plugin(id: Self.a, rank: 1, answer: .confirmed("x"), found: [$0]) }
            #expect(await resolver(plugins).discover() == [deis])
        }
    }

    @Test func aConfirmationWinsOverAFallbackWhateverTheRegistryOrder() async {
        let fallback = Plugin(id: Self.a, rank: 90, answer: .fallback("anything with etcd"))
        let confirms = Plugin(id: Self.b, rank: 30, answer: .confirmed("fleet answers and /deis keys"))
        for plugins in [[fallback, confirms], [confirms, fallback]] as [[any PlatformPlugin]] {
            let resolved = await resolver(plugins).resolve(etcdOnly)
            #expect(resolved.plugin?.id == Self.b && resolved.isPinned)
            #expect(resolved.detection == "B: fleet answers and /deis keys")
        }
        let rejects = Plugin(id: Self.b, rank: 30, answer: .rejected("fleet does not answer"))
        let resolved = await resolver([rejects, fallback]).resolve(etcdOnly)
        #expect(resolved.plugin?.id == Self.a)
        #expect(resolved.detection.contains("not B: fleet does not answer"))
    }

    @Test func nothingRecognisingTheClusterIsAnErrorWithEveryReason() async {
        let plugins = [Plugin(id: Self.a, rank: 1, answer: .rejected("no deckhouse.io")), Plugin(id: Self.b, rank: 2, answer: .rejected("no controller"))]
        let resolved = await resolver(plugins).resolve(etcdOnly)
        #expect(!resolved.isPinned)
        #expect(resolved.error?.contains("no platform recognised — not A: no deckhouse.io; not B: no controller") == true)
    }

    @Test func anExplicitPlatformThatLacksItsConnectionSaysWhatItNeeds() async {
        var request = etcdOnly
        request.platform = Self.b
        let docker = Plugin(id: Self.b, rank: 1, answer: .confirmed("x"), acceptsDocker: true)
        let resolved = await resolver([docker]).resolve(request)
        #expect(!resolved.isPinned && resolved.error?.contains("lacks what B needs") == true)
    }

    @Test func flagsThenTheEstateFileThenTheEnvironment() async throws {
        let env = Plugin(id: Self.a, rank: 1, answer: .confirmed("x"), found: [etcdOnly])
        let estate = EstateFile(path: "e.yaml", clusters: [TargetRequest(name: "x", origin: .estateFile(path: "e.yaml", line: 2), etcd: .init(endpoints: ["http://x:2379"]))])
        let flag = TargetRequest(origin: .flags, docker: .init(host: "unix:///d.sock"))
        let r = resolver([env])
        #expect(try await r.requests(flags: [flag], estate: estate, clusters: []) == (.flags, [flag]))
        #expect(try await r.requests(flags: [], estate: estate, clusters: []) == (.estateFile("e.yaml"), estate.clusters))
        #expect(try await r.requests(flags: [], estate: estate, clusters: ["x"]) == (.estateFile("e.yaml"), estate.clusters))
        #expect(try await r.requests(flags: [], estate: nil, clusters: []) == (.environment, [etcdOnly]))
        await #expect(throws: EstateError.self) { try await r.requests(flags: [], estate: nil, clusters: ["x"]) }
    }

    @Test func resolvingIsBoundedAndKeepsRequestOrder() async {
        let plugin = Plugin(id: Self.a, rank: 1, answer: .confirmed("x"))
        let requests = (0..<20).map { TargetRequest(name: "c\($0)", origin: .flags, etcd: .init(endpoints: ["http://c\($0):2379"])) }
        var bounded = resolver([plugin])
        bounded.parallel = 3
        #expect(await bounded.resolve(requests).map(\.label) == requests.map { $0.name! })
    }
}
