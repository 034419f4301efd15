import Foundation
import Engine
import TUI
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import PaneKit
import KubernetesRules
import KubernetesKit
import KubernetesPanes
import WorkflowRules
import WorkflowPlatform
import ShipshapePlatforms

/// Memory of the console over many refreshes, in a process of its own: the real
/// `ConsoleController` (model, findings, activity, redraws) on an in-memory screen,
/// refreshing through the real kubectl against the API test server. The peak is
/// reset before each refresh, so each refresh's own peak is read.
@MainActor
enum MemoryBench {
    static func run(kubeconfig: String, context: String, refreshes: Int) async throws(BenchError) -> [Figure] {
        let environment = ProcessRunner.explicitEnvironment()
        guard environment["KUBECACHEDIR"] != nil else { throw BenchError("set KUBECACHEDIR: each benchmark server gets a cache of its own") }
        let kube = KubeTarget(kubeconfig: kubeconfig, context: context)
        let adapter = WorkflowAdapter(target: Target(name: context, platform: .workflow, kube: kube), kube: kube,
                                      runner: ProcessRunner(defaultTimeoutSeconds: 60, environment: environment))
        let audit: AuditLog
        do { audit = try AuditLog(path: NSTemporaryDirectory() + "shipshape-bench-\(getpid())/audit.jsonl") } catch {
            throw BenchError("cannot open an audit log: \(error)")
        }
        let controller = ConsoleController(session: Session(plugin: WorkflowPlugin(), adapter: adapter, audit: audit), screen: GridScreen(rows: 50, cols: 200),
                                           readOnly: true, autoRefreshSeconds: nil)
        guard ProcStatus.resetPeak() else { throw BenchError("cannot reset the peak RSS (/proc/self/clear_refs)") }

        let atStart = ProcStatus.residentBytes() ?? 0
        var peaks: [Int] = []
        var between: [Int] = []
        var live: [Int] = []
        controller.start()
        for index in 1...refreshes {
            if index > 1 {
                ProcStatus.resetPeak()
                controller.refresh()
            }
            await controller.settle()
            guard let snapshot = controller.model.snapshot, snapshot.state.failures.isEmpty else {
                throw BenchError("refresh \(index) failed: \(controller.model.snapshot?.state.failures.map(\.message) ?? ["no snapshot"])")
            }
            guard let peak = ProcStatus.peakResidentBytes(), let now = ProcStatus.residentBytes() else {
                throw BenchError("cannot read /proc/self/status")
            }
            peaks.append(peak)
            between.append(now)
            live.append(HeapStatus.liveBytes() ?? 0)
        }
        let nodes = controller.model.snapshot?.state.kubernetes.nodes.value?.count ?? 0
        let mb = { (bytes: Int) in Double(bytes) / 1_048_576 }
        // From refresh 10 on (the first ones settle caches and arenas). Growth compares the
        // median of the first third of those with the median of the last third: single samples
        // swing by several MB with where the allocator happens to stand, and medians of ten
        // were seen to differ by ±1.5 MB between two runs of the same build; of thirty, by
        // about half that. A leak of even 10 kB a refresh shows as 0.6 MB here.
        let settled = between.dropFirst(min(9, between.count - 1)).map(mb)
        let window = max(settled.count / 3, 1)
        let early = Stats.median(Array(settled.prefix(window))), late = Stats.median(Array(settled.suffix(window)))
        // The allocator's own count of live bytes: what a leak would raise even where the
        // resident size hides it (or where fragmentation raises the resident size alone).
        let settledLive = live.dropFirst(min(9, live.count - 1)).map(mb)
        let liveEarly = Stats.median(Array(settledLive.prefix(window))), liveLate = Stats.median(Array(settledLive.suffix(window)))
        return [
            .info("RSS at start, before the first refresh", mb(atStart), "MB"),
            .below("peak RSS during a refresh, \(nodes) nodes", mb(peaks.max() ?? 0), "MB", limit: 100,
                   detail: "max over \(refreshes) refreshes (median \(Figure.format(Stats.median(peaks.map(mb)))) MB); whole process, VmHWM reset before each"),
            .below("RSS between refreshes, \(nodes) nodes", Stats.median(settled), "MB", limit: 50,
                   detail: "median after refreshes 10–\(refreshes); min \(Figure.format(settled.min() ?? 0)), max \(Figure.format(settled.max() ?? 0)) MB"),
            .below("RSS growth, refresh 10 → \(refreshes)", late - early, "MB", limit: 1, inclusive: true,
                   detail: "median of refreshes 10–\(9 + window) \(Figure.format(early)) MB → of the last \(window) \(Figure.format(late)) MB; flat = within 1 MB"),
            .info("live heap growth, refresh 10 → \(refreshes)", liveLate - liveEarly, "MB",
                  detail: "glibc mallinfo2, same medians: \(Figure.format(liveEarly)) → \(Figure.format(liveLate)) MB live"),
        ]
    }
}
