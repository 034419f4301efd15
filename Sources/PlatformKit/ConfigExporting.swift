import ShipshapeCore

/// Exports the platform's configuration into the backup folder and reads it back before it is
/// kept (Deis v1: the `/deis` tree of the etcd v2 store, as JSON).
public protocol ConfigExporting: PlatformAdapter {
    func planConfigExport(_ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
