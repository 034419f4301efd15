import Foundation
import Engine
import TUI
import PaneKit
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesKit
import WorkflowRules
import WorkflowPlatform
import SwarmRules
import DeckhouseRules
import Deis1Rules
import EtcdRules
import ShipshapePlatforms

/// Frames of every platform's nodes pane with thousands of rows and a filter active, on the
/// in-memory grid and on real curses writing to /dev/null — what the console does per frame:
/// the pane comes from the model's cache (built once per state and filter), and only the
/// rows on screen are drawn. Each frame moves the selection by one row, as holding `j` does,
/// so curses has a real change to send every time. Beside the frames: what building the pane
/// from a new state costs (once per refresh) and what one more filter key costs.
@MainActor
enum DrawBench {
    static let rows = 50
    static let cols = 200

    /// One platform's nodes pane to measure: its console model and a filter typed into it.
    struct Case {
        var name: String
        var model: AppModel
        var filter: String
    }

    static func run(fixture: String, frames: Int) async throws(BenchError) -> [Figure] {
        let replay = try await DecodeBench.record(fixture: fixture)
        let kube = DecodeBench.kube
        let adapter = WorkflowAdapter(target: Target(name: "bench", platform: .workflow, kube: kube), kube: kube, runner: replay)
        let state = await adapter.probe()
        let findings = RuleEngine(rules: WorkflowPlugin().rules).evaluate(state)
        let count = state.kubernetes.nodes.value?.count ?? 0
        guard count > 0 else { throw BenchError("\(fixture): no nodes to draw") }
        let cases = [
            Case(name: "Workflow (Kubernetes) nodes", model: model(state, findings: findings), filter: "node-012"),
            Case(name: "Deckhouse nodes", model: model(deckhouse(count), findings: []), filter: "node-1"),
            Case(name: "Deis v1 machines", model: model(deis1(count), findings: []), filter: "10.0.1"),
            Case(name: "Swarm nodes", model: model(swarm(count), findings: []), filter: "node-1"),
        ]

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
        for benchCase in cases {
            var filtered = benchCase.model
            filtered.focus = .nodes
            filtered.updateView(of: .nodes) { $0.filter = benchCase.filter }
            guard let frame = Renderer.frame(filtered, rows: rows, cols: cols), let rect = frame.layout.panes[.nodes] else {
                throw BenchError("no layout for \(rows)×\(cols)")
            }
            let source = ConsolePanes.source(.nodes, model: filtered)
            let total = source.totalCount, shown = source.rowCount
            guard shown > 0, shown < total else { throw BenchError("\(benchCase.name): the filter “\(benchCase.filter)” matched \(shown) of \(total)") }
            let what = "\(benchCase.name), \(total) rows, filter “\(benchCase.filter)” (\(shown) match)"
            for (label, screen) in [("in-memory grid", grid as any Screen), ("curses → /dev/null", curses as any Screen)] {
                let pane = frameTimes(model: filtered, rect: rect, screen: screen, frames: frames, rowCount: shown)
                figures.append(.below("draw \(what), \(label)", Stats.median(pane) * 1000, "ms", limit: 1,
                                      detail: "\(rect.height - 5) visible rows, \(rect.width) cols; \(Stats.describe(pane, unit: "ms", scale: 1000))"))
            }
            let whole = fullFrameTimes(model: filtered, screen: grid, frames: frames, rowCount: shown)
            figures.append(.info("draw whole frame (all panes), \(what), in-memory grid", Stats.median(whole) * 1000, "ms",
                                 detail: "\(rows)×\(cols); \(Stats.describe(whole, unit: "ms", scale: 1000))"))
            let build = buildTimes(model: benchCase.model, runs: 15)
            figures.append(.info("build \(benchCase.name) pane from a new state, \(total) rows (once per refresh)", Stats.median(build) * 1000, "ms",
                                 detail: Stats.describe(build, unit: "ms", scale: 1000)))
            let key = filterTimes(model: filtered, filter: benchCase.filter, runs: 15)
            figures.append(.info("one more filter key on \(benchCase.name), \(total) rows", Stats.median(key) * 1000, "ms",
                                 detail: Stats.describe(key, unit: "ms", scale: 1000)))
        }
        return figures
    }

    static func model(_ state: ClusterState, findings: [Finding]) -> AppModel {
        let plugin = PlatformRegistry.standard.plugin(for: state.target.platform)!
        var model = AppModel(clusters: [ClusterSlot(target: state.target, plugin: plugin)], readOnly: true)
        model.snapshot = Snapshot(state: state, findings: findings, duration: .milliseconds(1))
        model.lastRefresh = Date()
        return model
    }

    static func deckhouse(_ count: Int) -> ClusterState {
        var state = ClusterState(target: Target(name: "bench-deckhouse", platform: .deckhouse))
        var deckhouse = DeckhouseState()
        let roles: [[DeckhouseNodeRole]] = [[.master], [.frontend], [.system], [.monitoring], [], [], [], []]
        deckhouse.nodes = .loaded((0..<count).map { n in
            DeckhouseNode(name: "node-\(n)", roles: roles[n % roles.count], nodeGroup: "group-\(n % 7)", ready: n % 97 != 0,
                          cpuMillis: 4000, memoryBytes: 16_000_000_000, diskBytes: 100_000_000_000)
        })
        state.deckhouse = .loaded(deckhouse)
        return state
    }

    static func deis1(_ count: Int) -> ClusterState {
        var state = ClusterState(target: Target(name: "bench-deis1", platform: .deis1))
        let machines = (0..<count).map { n in
            FleetMachine(id: String(format: "%08x", n) + String(repeating: "0", count: 24), ip: "10.0.\(n / 256).\(n % 256)",
                         metadata: n % 3 == 0 ? ["controlPlane": "true"] : ["dataPlane": "true"])
        }
        let units = machines.enumerated().flatMap { n, machine in
            [FleetUnit(name: "deis-builder@\(n).service", machineID: machine.id, machineIP: machine.ip, active: "active", sub: "running"),
             FleetUnit(name: "deis-logger@\(n).service", machineID: machine.shortID + "...", machineIP: machine.ip, active: n % 50 == 0 ? "failed" : "active", sub: "running")]
        }
        state.fleet = .loaded(FleetState(machines: machines, units: units))
        state.etcd = .loaded(EtcdState(members: []))
        return state
    }

    static func swarm(_ count: Int) -> ClusterState {
        var state = ClusterState(target: Target(name: "bench-swarm", platform: .swarm))
        let nodes = (0..<count).map { n in
            SwarmNode(id: String(format: "n%011d", n), hostname: "node-\(n)", role: n < 3 ? .manager : .worker,
                      availability: n % 101 == 0 ? "drain" : "active", state: n % 97 == 0 ? "down" : "ready", address: "10.1.\(n / 256).\(n % 256)",
                      isLeader: n == 0, nanoCPUs: 4_000_000_000, memoryBytes: 8_589_934_592, engineVersion: "24.0.7")
        }
        let tasks = (0..<(count * 3)).map { n in
            SwarmTask(id: "t\(n)", name: "web.\(n)", serviceName: "web", nodeID: nodes[n % count].id, nodeHostname: nodes[n % count].hostname, state: "running")
        }
        state.swarm = .loaded(SwarmState(nodes: nodes, tasks: tasks))
        return state
    }

    /// The nodes pane alone, as the console draws it each frame, then flushed (for curses:
    /// the diff goes to /dev/null).
    static func frameTimes(model: AppModel, rect: Rect, screen: any Screen, frames: Int, rowCount: Int) -> [Double] {
        var model = model
        var times: [Double] = []
        for frame in 0..<(frames + 20) {
            model.selection[.nodes] = (rowCount / 2 + frame) % rowCount
            let snapshot = model
            let elapsed = Stopwatch.seconds {
                ListPane.draw(ConsolePanes.pane(.nodes, model: snapshot), number: 1, on: screen, in: rect, focused: true,
                              selected: snapshot.selected(.nodes))
                screen.flush()
            }
            if frame >= 20 { times.append(elapsed) }
        }
        return times
    }

    /// Everything the console draws for one frame: header, every pane, message line, key bar.
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

    /// A refresh landing: the same state under a new revision, so the pane is built again.
    static func buildTimes(model: AppModel, runs: Int) -> [Double] {
        var model = model
        return (0..<runs).map { _ in
            model.snapshot = model.snapshot
            let snapshot = model
            return Stopwatch.seconds { _ = ConsolePanes.pane(.nodes, model: snapshot) }
        }
    }

    /// The filter one character longer and back: what typing costs on the built pane.
    static func filterTimes(model: AppModel, filter: String, runs: Int) -> [Double] {
        var model = model
        _ = ConsolePanes.pane(.nodes, model: model)
        return (0..<runs).map { run in
            model.updateView(of: .nodes) { $0.filter = run % 2 == 0 ? filter + "2" : filter }
            let snapshot = model
            return Stopwatch.seconds { _ = ConsolePanes.pane(.nodes, model: snapshot) }
        }
    }
}
