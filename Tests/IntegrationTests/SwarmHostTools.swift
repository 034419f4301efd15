import Foundation
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

/// Host tools the Swarm harness runs (`ip`, `docker`, `tar`, `umount`, `unshare`,
/// `tmux`): argv only, through the engine's own runner, with a timeout per call.
enum SwarmHostTools {
    static let runner = ProcessRunner(defaultTimeoutSeconds: 120)

    @discardableResult
    static func run(_ argv: [String], timeout: Double? = nil) async throws -> String {
        let output = try await runner.run(Command(argv[0], Array(argv.dropFirst()), timeoutSeconds: timeout))
        return String(decoding: output.stdout, as: UTF8.self)
    }

    /// For teardown: a step that fails must not stop the ones after it.
    @discardableResult
    static func attempt(_ argv: [String]) async -> Bool {
        do { try await run(argv, timeout: 60); return true } catch { return false }
    }

    /// The first executable of that name on PATH, for `Process`, which wants a path.
    static func which(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw SwarmLabError("\(name) is not on PATH (\(path)); Debian docker.io, busybox-static, iproute2, util-linux and tmux provide the Swarm test tools")
    }

    /// Mount points under `root`, deepest first, from /proc/self/mountinfo.
    static func mounts(under root: String) -> [String] {
        let text = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { return nil }
            let point = String(fields[4]).replacingOccurrences(of: "\\040", with: " ")
            return point.hasPrefix(root + "/") || point == root ? point : nil
        }.sorted { $0.count > $1.count }
    }
}
