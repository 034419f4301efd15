import ShipshapeCore
import EtcdRules
/// DEIS1-REGISTRATION: open registration lets anyone who reaches the controller
/// create an account and deploy code.
public struct Deis1RegistrationRule: Rule {
    public let info = RuleInfo(
        id: "DEIS1-REGISTRATION", title: "Registration is admin-only or disabled", severity: .critical, platforms: [.deis1],
        seed: Deis1Seed.section("Change Registration Mode"),
        rationale: "The controller boots with registrationMode=enabled: anyone with the URL can register and push apps. Once the admin has registered, set /deis/controller/registrationMode to admin_only (or disabled)."
    )

    public init() {}

    public func evaluate(_ state: ClusterState, policy: Policy) -> [Finding] {
        let subject = Deis1Names.registrationKey
        if let error = state.etcd.error ?? state.etcd.value?.keys.error { return [unreadable(error, subject: subject)] }
        guard let keys = state.etcd.value?.keys.value else { return [] }
        let value = keys[subject]
        let key = Deis1Names.registrationKey
        switch value.text {
        case "admin_only":
            return [finding(.pass, subject: subject, "registrationMode=admin_only",
                            fix: .setSetting(Deis1Names.setting(forKey: key), from: "admin_only", to: "disabled"))]
        case "disabled":
            return [finding(.pass, subject: subject, "registrationMode=disabled",
                            fix: .setSetting(Deis1Names.setting(forKey: key), from: "disabled", to: "admin_only"))]
        case nil where !value.isSet:
            // The controller's boot script sets "enabled" when the key is missing.
            return [finding(.fail, subject: subject, "registrationMode is unset, so the controller uses enabled: anyone can register",
                            fix: .setSetting(Deis1Names.setting(forKey: key), from: nil, to: "admin_only"))]
        default:
            return [finding(.fail, subject: subject, "registrationMode=\(value.text ?? "(empty)"): anyone can register",
                            fix: .setSetting(Deis1Names.setting(forKey: key), from: value.text, to: "admin_only"))]
        }
    }
}
