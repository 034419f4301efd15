import ShipshapeCore

/// Runs scheduled jobs now and waits for them to finish: a Kubernetes Job made from each
/// CronJob (`kubectl create job --from=cronjob/NAME`), the way an operator triggers a backup.
public protocol ScheduledJobRunning: PlatformAdapter {
    func planJobRun(namespace: String, cronJobs: [String], _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
