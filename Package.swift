// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "shipshape",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "shipshape", targets: ["shipshape"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(
            name: "Engine",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "TUI",
            dependencies: [
                "Engine", "CNcurses",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "shipshape",
            dependencies: [
                "Engine", "TUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Benchmarks (scripts/bench): in-process measurements at scale; not shipped.
        .executableTarget(name: "shipshape-bench", dependencies: ["Engine", "TUI", "CHeapInfo"], swiftSettings: strict),
        .target(name: "CHeapInfo", path: "Sources/CHeapInfo"),
        .testTarget(name: "EngineTests", dependencies: ["Engine"], swiftSettings: strict),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Engine"], swiftSettings: strict),
        .testTarget(name: "IntegrationTests", dependencies: ["Engine"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["Engine"], swiftSettings: strict),
    ]
)
