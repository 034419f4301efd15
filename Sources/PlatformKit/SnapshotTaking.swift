import ShipshapeCore

/// Takes a verified snapshot of the cluster's store into the backup folder (etcd's
/// `snapshot save`, then `snapshot status`).
public protocol SnapshotTaking: PlatformAdapter {
    func planSnapshot(_ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
