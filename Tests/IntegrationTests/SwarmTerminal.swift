import Foundation

/// The real `shipshape` binary in tmux on a private tmux socket: start it, wait for
/// text, send keys, read the screen — what an operator would see.
final class SwarmTerminal: @unchecked Sendable {
    let socket: String
    let session = "ssd"

    init(socket: String) {
        self.socket = socket
    }

    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        try await SwarmHostTools.run(["tmux", "-S", socket] + arguments, timeout: 30)
    }

    /// Starts the binary with these arguments in a 200×50 pane (argv, no shell).
    func start(_ arguments: [String]) async throws {
        try await tmux(["new-session", "-d", "-s", session, "-x", "200", "-y", "50", TestPaths.shipshapeBinary] + arguments)
    }

    func screen() async throws -> String {
        try await tmux(["capture-pane", "-p", "-t", session])
    }

    /// The screen once it shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30) async throws -> String {
        var last = ""
        do {
            try await Polling.until("\"\(text)\" on screen", timeout: timeout, every: 0.1) {
                last = try await self.screen()
                return last.contains(text)
            }
        } catch {
            throw SwarmLabError("\(error); the screen was:\n\(last)")
        }
        return last
    }

    /// The left column of a 200-column screen (nodes and ingress panes) as one line:
    /// frames dropped, wrapped lines joined, spaces collapsed, so a sentence a pane
    /// wrapped can be found whole.
    static func flattened(_ screen: String, width: Int = 80) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.prefix(width)) }.joined(separator: " ")
            .replacingOccurrences(of: "│", with: " ")
            .split(separator: " ").joined(separator: " ")
    }

    /// Waits until the flattened screen contains `text`.
    @discardableResult
    func waitForSentence(_ text: String, timeout: Double = 30) async throws -> String {
        var last = ""
        do {
            try await Polling.until("\"\(text)\" on screen", timeout: timeout, every: 0.1) {
                last = try await self.screen()
                return Self.flattened(last).contains(text)
            }
        } catch {
            throw SwarmLabError("\(error); the screen was:\n\(last)")
        }
        return last
    }

    /// Waits until the screen no longer shows `text` (a dialog closed).
    func waitWithout(_ text: String, timeout: Double = 30) async throws {
        try await Polling.until("\"\(text)\" gone from screen", timeout: timeout, every: 0.05) {
            !(try await self.screen()).contains(text)
        }
    }

    func press(_ keys: String...) async throws {
        try await tmux(["send-keys", "-t", session] + keys)
    }

    func stop() async {
        _ = try? await tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }
}
