// swift-tools-version: 6.2
import PackageDescription

// The whiteboard, held by the compiler. Every target lists exactly what it may import, and
// `scripts/test` builds with `--explicit-target-dependency-import-check=error`, so an import
// that crosses a layer does not compile:
//
//   ShipshapeCore      values every layer shares (targets, state, findings, plans); no I/O
//   ShipshapeRunner    the only place that starts a process                     → Core
//   PaneKit            what a pane shows, as cells and roles; no curses, no I/O  → Core
//   <P>Rules           a platform's state types and its pure rules               → Core (+ kits' Rules)
//   <P>Panes           a platform's panes                                        → PaneKit, <P>Rules
//   PlatformKit        the shape of a platform: plug-in, adapter, capabilities   → Core, Runner, PaneKit
//   <P>Platform        probe, decoders, planners, demo, detection, the plug-in  → PlatformKit, <P>Rules, <P>Panes
//   ShipshapePlatforms the registry: the one list of platforms                  → every <P>Platform
//   Engine             sessions, the estate, fixes, audit, watch, reports       → PlatformKit (never a platform)
//   TUI                screen, panes drawn, keys, dialogs                       → Engine, PlatformKit, PaneKit (never the runner)
//   shipshape          the command line                                         → everything
//
// MemberImportVisibility: a member of a type is visible only where its module is imported,
// so the TUI cannot reach `session.runner.run(…)` through a type it merely sees.
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6), .enableUpcomingFeature("MemberImportVisibility")]

var targets: [Target] = [
    .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
    .target(name: "CHeapInfo", path: "Sources/CHeapInfo"),
    .target(name: "ShipshapeCore", path: "Sources/Core", swiftSettings: strict),
    .target(name: "ShipshapeRunner", dependencies: [
        "ShipshapeCore", .product(name: "Subprocess", package: "swift-subprocess"),
    ], path: "Sources/Runner", swiftSettings: strict),
    .target(name: "PaneKit", dependencies: ["ShipshapeCore"], path: "Sources/PaneKit", swiftSettings: strict),
    .target(name: "PlatformKit", dependencies: ["ShipshapeCore", "ShipshapeRunner", "PaneKit"],
            path: "Sources/PlatformKit", swiftSettings: strict),
]

/// One platform (or shared kit): a folder `Sources/Platforms/NAME/` with `Rules/` (state and pure
/// rules), `Panes/` (what its panes show) and `Live/` (probe, decoders, planners, demo, plug-in).
@MainActor func platform(_ name: String, module: String, uses kits: [String] = [], extra: [Target.Dependency] = []) {
    let rules = "\(name)Rules", panes = "\(name)Panes"
    targets.append(.target(name: rules, dependencies: ["ShipshapeCore"] + kits.map { .target(name: "\($0)Rules") },
                           path: "Sources/Platforms/\(name)/Rules", swiftSettings: strict))
    targets.append(.target(name: panes, dependencies: ["ShipshapeCore", "PaneKit", .target(name: rules)] + kits.map { .target(name: "\($0)Rules") } + kits.map { .target(name: "\($0)Panes") },
                           path: "Sources/Platforms/\(name)/Panes", swiftSettings: strict))
    targets.append(.target(name: module,
                           dependencies: ["ShipshapeCore", "ShipshapeRunner", "PaneKit", "PlatformKit", .target(name: rules), .target(name: panes)]
                               + kits.flatMap { [.target(name: "\($0)Rules"), .target(name: "\($0)Panes"), .target(name: kitModule[$0]!)] } + extra,
                           path: "Sources/Platforms/\(name)/Live", swiftSettings: strict))
}
let kitModule = ["Kubernetes": "KubernetesKit", "Etcd": "EtcdPlatform"]

platform("Kubernetes", module: "KubernetesKit", extra: [.product(name: "SwiftASN1", package: "swift-asn1")])
platform("Etcd", module: "EtcdPlatform")
platform("Workflow", module: "WorkflowPlatform", uses: ["Kubernetes", "Etcd"])
platform("Deckhouse", module: "DeckhousePlatform", uses: ["Kubernetes", "Etcd"], extra: [.product(name: "Yams", package: "Yams")])
platform("Deis1", module: "Deis1Platform", uses: ["Etcd"])
platform("Swarm", module: "SwarmPlatform")

let platformModules = ["KubernetesKit", "EtcdPlatform", "WorkflowPlatform", "DeckhousePlatform", "Deis1Platform", "SwarmPlatform"]
let everyPlatform: [Target.Dependency] = platformModules.map { .target(name: $0) }
    + ["Kubernetes", "Etcd", "Workflow", "Deckhouse", "Deis1", "Swarm"].flatMap { [.target(name: "\($0)Rules"), .target(name: "\($0)Panes")] }
let everything: [Target.Dependency] = ["ShipshapeCore", "ShipshapeRunner", "PaneKit", "PlatformKit", "ShipshapePlatforms", "Engine", "TUI"] + everyPlatform

targets += [
    .target(name: "ShipshapePlatforms", dependencies: ["ShipshapeCore", "PlatformKit"] + everyPlatform.prefix(platformModules.count),
            path: "Sources/Registry", swiftSettings: strict),
    .target(name: "Engine", dependencies: [
        "ShipshapeCore", "ShipshapeRunner", "PaneKit", "PlatformKit", .product(name: "Yams", package: "Yams"),
    ], swiftSettings: strict),
    .target(name: "TUI", dependencies: [
        "ShipshapeCore", "PaneKit", "PlatformKit", "Engine", "CNcurses", .product(name: "Yams", package: "Yams"),
    ], swiftSettings: strict),
    .executableTarget(name: "shipshape", dependencies: everything + [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
    ], swiftSettings: strict),
    // Benchmarks (scripts/bench): in-process measurements at scale; not shipped.
    .executableTarget(name: "shipshape-bench", dependencies: everything + ["CHeapInfo"], swiftSettings: strict),
    // Shorthands the test suites share (not shipped).
    .target(name: "TestKit", dependencies: everything, path: "Tests/TestKit", swiftSettings: strict),
    .testTarget(name: "EngineTests", dependencies: everything + ["TestKit"], swiftSettings: strict),
    .testTarget(name: "TUITests", dependencies: everything + ["TestKit"], swiftSettings: strict),
    .testTarget(name: "IntegrationTests", dependencies: everything + ["TestKit"], swiftSettings: strict),
    .testTarget(name: "EndToEndTests", dependencies: everything + ["TestKit"], swiftSettings: strict),
]

let package = Package(
    name: "shipshape",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shipshape", targets: ["shipshape"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: targets
)
