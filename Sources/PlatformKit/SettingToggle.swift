import ShipshapeCore

/// Changes one setting the platform's tool owns: a container's environment (`kubectl set env`),
/// a `deisctl config` key, a ModuleConfig field.
public protocol SettingToggle: PlatformAdapter {
    func planSetting(_ setting: Setting, from: String?, to: String?, _ request: PlanRequest) -> Result<FixPlan, FixRefusal>
}
