import ShipshapeCore
import EtcdRules
/// Seed citations for the Deis v1 rules: "Production deployments" in its source
/// (000) and rendered (001) forms.
enum Deis1Seed {
    static func section(_ title: String) -> String {
        "000/001 Production deployments — \(title)"
    }
}
