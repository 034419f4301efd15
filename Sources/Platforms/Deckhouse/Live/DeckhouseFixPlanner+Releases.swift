import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import DeckhouseRules
import KubernetesRules
import KubernetesKit

/// Approving a DeckhouseRelease (and withdrawing the approval): `kubectl patch
/// deckhouserelease NAME --type=merge -p '{"approved":true}'`, as the Deckhouse docs give it,
/// with a server dry run first. The release must still be Pending; the preview says when
/// Deckhouse will install it — in its next update window, or at once without windows.
extension DeckhouseFixPlanner {
    public func planApproval(release name: String, version: String, approve: Bool, settings: DeckhouseUpdateSettings?, now: Date,
                             ruleID: String, subject: String) -> FixPlan {
        let body = Self.json(["approved": approve])
        let args = ["patch", DeckhouseNames.releaseKind, name, "--type=merge", "-p", body]
        let path = DeckhouseNames.releasePath(name)
        var changes = [FixPlan.Change(what: "DeckhouseRelease \(name) approved", from: approve ? "false" : "true", to: approve ? "true" : "false")]
        if approve {
            let when = settings?.installText(now: now) ?? "when Deckhouse's update settings allow it"
            changes.append(.init(what: "Deckhouse \(version)", from: "waits for approval", to: "installs \(when)"))
        } else {
            changes.append(.init(what: "Deckhouse \(version)", from: "approved, waiting to install", to: "waits for approval again"))
        }
        return FixPlan(
            ruleID: ruleID, subject: subject,
            title: approve ? "Approve Deckhouse release \(version)" : "Withdraw the approval of Deckhouse release \(version)",
            risk: approve ? .high : .low, intent: approve ? .approveRelease(name: name, version: version) : .withdrawReleaseApproval(name: name, version: version),
            changes: changes,
            commands: [target.kubectl(args)], dryRunCommands: [target.kubectl(args + ["--dry-run=server"])],
            preconditions: [StateCheck(description: "release \(name) is still Pending", command: target.rawGet(path),
                                       jsonPath: ["status", "phase"], expected: "Pending")],
            postconditions: [StateCheck(description: "release \(name) is \(approve ? "approved" : "not approved")", command: target.rawGet(path),
                                        jsonPath: ["approved"], expected: approve ? "1" : "0")])
    }

    /// `kubectl create job --from=cronjob/NAME NAME-manual-TS -n NS` for each CronJob, then
    /// `kubectl wait` until each Job has its first condition (Complete, or Failed): the
    /// read-back then wants `status.succeeded` 1. Job names stay within the 63 characters the
    /// Job's own `job-name` label allows.
    public func planJobRun(namespace: String, cronJobs: [String], now: Date, ruleID: String, subject: String) -> Result<FixPlan, FixRefusal> {
        guard !cronJobs.isEmpty else { return .failure(FixRefusal("no CronJob to run")) }
        let stamp = String(Int64(now.timeIntervalSince1970))
        var commands: [Command] = [], dryRuns: [Command] = [], waits: [Command] = []
        var preconditions: [StateCheck] = [], postconditions: [StateCheck] = [], changes: [FixPlan.Change] = []
        for cronJob in cronJobs {
            let job = Self.jobName(cronJob, stamp: stamp)
            let create = ["create", "job", job, "--from=cronjob/\(cronJob)", "-n", namespace]
            commands.append(target.kubectl(create))
            dryRuns.append(target.kubectl(create + ["--dry-run=server"]))
            waits.append(target.kubectl(["wait", "--for=jsonpath={.status.conditions[0].status}=True", "job/\(job)", "-n", namespace,
                                         "--timeout=\(Int(Self.jobWaitSeconds))s"], timeoutSeconds: Self.jobWaitSeconds + 15))
            preconditions.append(StateCheck(description: "CronJob \(namespace)/\(cronJob) exists",
                                            command: target.rawGet("/apis/batch/v1/namespaces/\(namespace)/cronjobs/\(cronJob)"),
                                            jsonPath: ["metadata", "name"], expected: cronJob))
            postconditions.append(StateCheck(description: "Job \(namespace)/\(job) succeeded",
                                             command: target.rawGet("/apis/batch/v1/namespaces/\(namespace)/jobs/\(job)"),
                                             jsonPath: ["status", "succeeded"], expected: "1"))
            changes.append(.init(what: "Job \(namespace)/\(job)", from: "(none)", to: "runs \(cronJob) now; shipshape waits up to \(Int(Self.jobWaitSeconds / 60)) min for it to finish"))
        }
        return .success(FixPlan(
            ruleID: ruleID, subject: subject, title: cronJobs.count == 1 ? "Run \(cronJobs[0]) now" : "Run \(cronJobs.count) backup jobs now",
            risk: .low, intent: .runScheduledJobs(namespace: namespace, names: cronJobs), changes: changes,
            commands: commands + waits, dryRunCommands: dryRuns, preconditions: preconditions, postconditions: postconditions))
    }

    static let jobWaitSeconds: Double = 600

    static func jobName(_ cronJob: String, stamp: String) -> String {
        let suffix = "-manual-" + stamp
        return String(cronJob.prefix(63 - suffix.count)) + suffix
    }
}
