import Foundation
import Engine
import TUI
import PaneKit
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesKit
import KubernetesPanes
import WorkflowRules
import WorkflowPlatform
import ShipshapePlatforms

/// One frame of the nodes pane with thousands of rows, on the in-memory grid and on
/// real curses writing to /dev/null. Each frame moves the selection by one row, as
/// holding `j` does, so curses has a real change to send every time.
@MainActor
enum DrawBench {
    static let rows = 50
    static let cols = 200

    static func run(fixture: String, frames: Int) async throws(BenchError) -> [Figure] {
        let replay = try await DecodeBench.record(fixture: fixture)
        let kube = DecodeBench.kube
        let adapter = WorkflowAdapter(target: Target(name: "bench", platform: .workflow, kube: kube), kube: kube, runner: replay)
        let state = await adapter.probe()
        let findings = RuleEngine(rules: WorkflowPlugin().rules).evaluate(state)
        let count = state.kubernetes.nodes.value?.count ?? 0
        guard count > 0 else { throw BenchError("\(fixture): no nodes to draw") }

        var model = AppModel(clusters: [ClusterSlot(target: adapter.target, plugin: WorkflowPlugin())], readOnly: true)
        model.snapshot = Snapshot(state: state, findings: findings, duration: .milliseconds(1))
        model.lastRefresh = Date()
        model.focus = .nodes
        guard let layout = Layout.compute(rows: rows, cols: cols, panes: model.paneSpecs), let rect = layout.panes[.nodes] else {
            throw BenchError("no layout for \(rows)×\(cols)")
        }

        let grid = GridScreen(rows: rows, cols: cols)
        let curses: CursesTerminal
        do {
            curses = try CursesTerminal(theme: .builtInDefault, device: .headless(terminalType: "xterm-256color", rows: rows, cols: cols),
                                        environment: [:])
        } catch {
            throw BenchError("curses could not start headless: \(error)")
        }
        defer { curses.shutdown() }

        var figures: [Figure] = []
        for (label, screen) in [("in-memory grid", grid as any Screen), ("curses → /dev/null", curses as any Screen)] {
            let pane = frameTimes(model: model, rect: rect, screen: screen, frames: frames, rowCount: count)
            figures.append(.below("draw nodes pane, \(count) rows, \(label)", Stats.median(pane) * 1000, "ms", limit: 1,
                                  detail: "\(rect.height - 4) visible rows, \(rect.width) cols; \(Stats.describe(pane, unit: "ms", scale: 1000))"))
            let whole = fullFrameTimes(model: model, screen: screen, frames: frames, rowCount: count)
            figures.append(.info("draw whole frame (all panes), \(count) nodes, \(label)", Stats.median(whole) * 1000, "ms",
                                 detail: "\(rows)×\(cols); \(Stats.describe(whole, unit: "ms", scale: 1000))"))
        }
        return figures
    }

    /// The nodes pane alone, then flushed (for curses: the diff goes to /dev/null).
    static func frameTimes(model: AppModel, rect: Rect, screen: any Screen, frames: Int, rowCount: Int) -> [Double] {
        var times: [Double] = []
        for frame in 0..<(frames + 20) {
            let selected = (rowCount / 2 + frame) % rowCount
            let elapsed = Stopwatch.seconds {
                ListPane.draw(ConsolePanes.source(.nodes, model: model), on: screen, in: rect, focused: true, selected: selected)
                screen.flush()
            }
            if frame >= 20 { times.append(elapsed) }
        }
        return times
    }

    /// Everything the console draws for one frame: header, every pane, status bar.
    static func fullFrameTimes(model: AppModel, screen: any Screen, frames: Int, rowCount: Int) -> [Double] {
        var model = model
        var times: [Double] = []
        for frame in 0..<(frames + 20) {
            model.selection[.nodes] = (rowCount / 2 + frame) % rowCount
            let snapshot = model
            let elapsed = Stopwatch.seconds { Renderer.draw(snapshot, on: screen) }
            if frame >= 20 { times.append(elapsed) }
        }
        return times
    }
}
