import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import Synchronization

/// `kubectl create job NAME --from=cronjob/CJ -n NS [--dry-run=server]` and `kubectl wait
/// --for=jsonpath=… job/NAME`, for the demo: the Job takes the CronJob's template and an
/// ownerReference to it, as kubectl builds it, and completes at once, as a fast job would
/// (its CronJob's `lastSuccessfulTime` moves too, as the CronJob controller does it).
extension KubeSandbox {
    func createJob(_ args: [String], namespace: String, dryRun: Bool, line: String) throws(RunError) -> CommandOutput {
        guard let name = args.first, !name.hasPrefix("-"),
              let from = args.first(where: { $0.hasPrefix("--from=cronjob/") }).map({ String($0.dropFirst("--from=cronjob/".count)) }) else {
            throw Self.failure(line, "error: the demo sandbox needs `create job NAME --from=cronjob/CRONJOB`")
        }
        let cronJobs = "/apis/batch/v1/namespaces/\(namespace)/cronjobs", jobs = "/apis/batch/v1/namespaces/\(namespace)/jobs"
        enum Outcome { case created, noCronJob, exists }
        let outcome: Outcome = objects.withLock { objects in
            guard var crons = objects[cronJobs], let at = crons.firstIndex(where: { Self.name(of: $0) == from }) else { return .noCronJob }
            if (objects[jobs] ?? []).contains(where: { Self.name(of: $0) == name }) { return .exists }
            if dryRun { return .created }
            let now = ISO8601DateFormatter().string(from: Date())
            let template = ((crons[at]["spec"] as? [String: Any])?["jobTemplate"] as? [String: Any])?["spec"] ?? [String: Any]()
            let job: [String: Any] = [
                "metadata": ["name": name, "namespace": namespace, "annotations": ["cronjob.kubernetes.io/instantiate": "manual"],
                             "ownerReferences": [["apiVersion": "batch/v1", "kind": "CronJob", "name": from, "controller": true]]],
                "spec": template,
                "status": ["startTime": now, "completionTime": now, "succeeded": 1,
                           "conditions": [["type": "SuccessCriteriaMet", "status": "True"], ["type": "Complete", "status": "True"]]],
            ]
            objects[jobs] = (objects[jobs] ?? []) + [job]
            var status = crons[at]["status"] as? [String: Any] ?? [:]
            status["lastSuccessfulTime"] = now
            status["lastScheduleTime"] = now
            crons[at]["status"] = status
            objects[cronJobs] = crons
            return .created
        }
        switch outcome {
        case .noCronJob: throw Self.failure(line, "error: failed to retrieve cronjob: cronjobs.batch \"\(from)\" not found")
        case .exists: throw Self.failure(line, "error: failed to create job: jobs.batch \"\(name)\" already exists")
        case .created: return CommandOutput(text: "job.batch/\(name) created\(dryRun ? " (server dry run)" : "")\n")
        }
    }

    func waitFor(_ args: [String], namespace: String, line: String) throws(RunError) -> CommandOutput {
        guard let target = args.first(where: { $0.hasPrefix("job/") }) else { throw Self.failure(line, "error: the demo sandbox waits for job/NAME only") }
        let name = String(target.dropFirst(4))
        let found = objects.withLock { ($0["/apis/batch/v1/namespaces/\(namespace)/jobs"] ?? []).contains { Self.name(of: $0) == name } }
        guard found else { throw Self.failure(line, "Error from server (NotFound): jobs.batch \"\(name)\" not found") }
        return CommandOutput(text: "job.batch/\(name) condition met\n")
    }

    /// `kubectl annotate deployment/NAME KEY=VALUE [--overwrite] -n NS`.
    func annotate(_ args: [String], namespace: String, dryRun: Bool, line: String) throws(RunError) -> CommandOutput {
        guard let target = args.first, target.hasPrefix("deployment/") else {
            throw Self.failure(line, "error: the demo sandbox annotates deployment/NAME only")
        }
        let name = String(target.dropFirst(11))
        let pairs = args.dropFirst().filter { !$0.hasPrefix("-") }
        let path = "/apis/apps/v1/namespaces/\(namespace)/deployments"
        let found: Bool = objects.withLock { objects in
            guard var items = objects[path], let index = items.firstIndex(where: { Self.name(of: $0) == name }) else { return false }
            if dryRun { return true }
            var metadata = items[index]["metadata"] as? [String: Any] ?? [:]
            var annotations = metadata["annotations"] as? [String: Any] ?? [:]
            for pair in pairs {
                if pair.hasSuffix("-") { annotations.removeValue(forKey: String(pair.dropLast())); continue }
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { annotations[kv[0]] = kv[1] }
            }
            metadata["annotations"] = annotations
            items[index]["metadata"] = metadata
            objects[path] = items
            return true
        }
        if !found { throw Self.failure(line, "Error from server (NotFound): deployments.apps \"\(name)\" not found") }
        return CommandOutput(text: "deployment.apps/\(name) annotated\(dryRun ? " (server dry run)" : "")\n")
    }
}
