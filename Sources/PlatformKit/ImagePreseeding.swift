import ShipshapeCore

/// Pulls the installed release's images onto one machine before they are needed (Deis v1's
/// `/run/deis/bin/preseed` over `fleetctl ssh`).
public protocol ImagePreseeding: PlatformAdapter {
    func planPreseed(machine: String, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
