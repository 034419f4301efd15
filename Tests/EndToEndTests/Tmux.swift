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

/// A private tmux server running one shell, driven like a person would: keys in,
/// screen text out. Every wait polls `capture-pane`; none sleeps blindly.
final class Tmux: @unchecked Sendable {
    let socket: String
    let directory: String

    init(cols: Int = 120, rows: Int = 40) async throws {
        socket = "shipshape-e2e-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // The first command forks the tmux server, which would hold a stdout pipe open forever.
        try await tmux(capture: false, ["new-session", "-d", "-s", "main", "-x", String(cols), "-y", String(rows),
                  "env", "-i", "PATH=\(ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")", "HOME=\(directory)",
                  "TERM=xterm-256color", "LANG=C.UTF-8", "SHIPSHAPE_STATE_DIR=\(directory)/state", "PS1=$ ", "sh"])
    }

    func stop() async {
        _ = try? await tmux(capture: false, ["kill-server"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs one tmux command through the engine's own runner. Foundation's
    /// `Process.waitUntilExit` was seen to hang here on an exited tmux client.
    @discardableResult
    func tmux(capture: Bool = true, _ arguments: [String]) async throws -> String {
        let command = Command("tmux", ["-L", socket] + arguments, timeoutSeconds: 60)
        return String(decoding: try await ProcessRunner().run(command).stdout, as: UTF8.self)
    }

    /// Types text followed by Enter.
    func type(_ line: String) async throws {
        try await tmux(["send-keys", "-t", "main", "-l", line])
        try await tmux(["send-keys", "-t", "main", "Enter"])
    }

    /// Sends tmux key names (`j`, `Enter`, `Escape`, `C-c`).
    func keys(_ names: String...) async throws {
        try await tmux(["send-keys", "-t", "main"] + names)
    }

    func screen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", "main"])
    }

    func resize(cols: Int, rows: Int) async throws {
        try await tmux(["resize-window", "-t", "main", "-x", String(cols), "-y", String(rows)])
    }

    struct Timeout: Error, CustomStringConvertible {
        let what: String
        let screen: String
        var description: String { "timed out waiting for \(what); screen was:\n\(screen)" }
    }

    /// Polls the screen until `condition` holds; returns that screen.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 20, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try await screen()
            if condition(last) { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Timeout(what: what, screen: last)
    }

    func waitFor(text: String, timeout: Double = 20) async throws -> String {
        try await waitFor("“\(text)”", timeout: timeout) { $0.contains(text) }
    }
}
