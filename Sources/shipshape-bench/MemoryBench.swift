import Foundation
import Engine
import TUI

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
        let controller = ConsoleController(session: Session(adapter: adapter, audit: audit), screen: GridScreen(rows: 50, cols: 200),
                                           readOnly: true, autoRefreshSeconds: nil)
        guard ProcStatus.resetPeak() else { throw BenchError("cannot reset the peak RSS (/proc/self/clear_refs)") }

        var peaks: [Int] = []
        var between: [Int] = []
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
        }
        let nodes = controller.model.snapshot?.state.kubernetes.nodes.value?.count ?? 0
        let mb = { (bytes: Int) in Double(bytes) / 1_048_576 }
        let settled = Array(between.dropFirst(min(9, between.count - 1)))
        let growth = mb(between[between.count - 1]) - mb(between[min(9, between.count - 1)])
        let medianPeak = Stats.median(peaks.map { mb($0) })
        // Flat means within allocator noise: 1 MiB over 90 refreshes.
        return [
            .below("peak RSS during a refresh, \(nodes) nodes", mb(peaks.max() ?? 0), "MB", limit: 100,
                   detail: "max over \(refreshes) refreshes (median \(Figure.format(medianPeak)) MB); whole process, VmHWM reset before each"),
            .below("RSS between refreshes, \(nodes) nodes", mb(between.last ?? 0), "MB", limit: 50,
                   detail: "after refresh \(refreshes); range \(Figure.format(mb(settled.min() ?? 0)))–\(Figure.format(mb(settled.max() ?? 0))) MB from refresh 10 on"),
            .below("RSS growth, refresh 10 → \(refreshes)", growth, "MB", limit: 1, inclusive: true,
                   detail: "\(Figure.format(mb(between[min(9, between.count - 1)]))) → \(Figure.format(mb(between.last ?? 0))) MB; flat = within 1 MB"),
        ]
    }
}
