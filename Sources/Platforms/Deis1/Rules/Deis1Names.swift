import ShipshapeCore
import EtcdRules
/// Names Deis v1 uses: etcd v2 keys written by `deisctl config`, fleet unit names and the
/// plane each component belongs to (reference/cli-formats.md §2.5–2.7).
public enum Deis1Names {
    /// Everything Deis v1 configures lives under this v2 directory.
    public static let prefix = "/deis"
    public static let registrationKey = "/deis/controller/registrationMode"
    public static let logsHostKey = "/deis/logs/host"
    public static let logsPortKey = "/deis/logs/port"
    /// Where deis-logger forwards logs (`deisctl config logs set drain=syslog://host:port`).
    public static let logsDrainKey = "/deis/logs/drain"
    public static let sslCertKey = "/deis/router/sslCert"
    public static let sslKeyKey = "/deis/router/sslKey"
    public static let enforceHTTPSKey = "/deis/router/enforceHTTPS"
    public static let routerFirewallKey = "/deis/router/firewall/enabled"
    /// Without it Deis ≥ 1.10 ignores the plane metadata when scheduling (cli-formats.md §2.5).
    public static let placementOptionsKey = "/deis/platform/enablePlacementOptions"
    /// The release `get_image` tags component images with (`/run/deis/bin/get_image`).
    public static let platformVersionKey = "/deis/platform/version"
    /// A component's image override, which `get_image` takes before the release tag.
    public static let imageOverridePattern = "/deis/*/image"
    public static let sshPrivateKeyKey = "/deis/platform/sshPrivateKey"

    /// Keys whose values are secrets: listed for presence only, never read or set by a fix.
    public static let secretKeys: Set<String> = [sslKeyKey, sshPrivateKeyKey]

    /// What the Deis v1 rules read from the v2 store. The certificate is public, but its
    /// presence is all DEIS1-TLS needs, so neither half of the key pair is read.
    public static let watchedKeys: [EtcdKeyRequest] = [
        EtcdKeyRequest(registrationKey),
        EtcdKeyRequest(logsHostKey),
        EtcdKeyRequest(logsPortKey),
        EtcdKeyRequest(logsDrainKey),
        EtcdKeyRequest(sslCertKey, presenceOnly: true),
        EtcdKeyRequest(sslKeyKey, presenceOnly: true),
        EtcdKeyRequest(enforceHTTPSKey),
        EtcdKeyRequest(routerFirewallKey),
        EtcdKeyRequest(placementOptionsKey),
        EtcdKeyRequest(platformVersionKey),
        EtcdKeyRequest(imageOverridePattern),
    ]

    /// What DEIS1-BACKUP's two records are filed under.
    public static let dataBackupKind = "platform data"
    public static let configExportKind = "/deis config"

    public static let router = "deis-router"
    /// The router as `deisctl scale router=N` names it.
    public static let routerComponent = "router"

    /// A `/deis/COMPONENT/KEY` key as the setting `deisctl config COMPONENT set KEY=…` changes.
    public static func setting(forKey key: String) -> Setting {
        let parts = key.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "deis" else { return Setting(scope: "platform", key: key) }
        return Setting(scope: parts[1], key: parts[2])
    }

    /// The etcd key a `deisctl config` setting lives at.
    public static func key(of setting: Setting) -> String { "/deis/\(setting.scope)/\(setting.key)" }
    public static let preseedScript = "/run/deis/bin/preseed"
    public static let storePrefix = "deis-store-"

    /// Units deisctl decorates with `controlPlane=true`.
    public static let controlPlaneUnits: Set<String> = [
        "deis-builder", "deis-cache", "deis-controller", "deis-database", "deis-logger", "deis-registry",
        "deis-store-admin", "deis-store-daemon", "deis-store-gateway", "deis-store-metadata", "deis-store-monitor", "deis-store-volume",
    ]
    /// Units deisctl decorates with `dataPlane=true`; app containers run there too.
    public static let dataPlaneUnits: Set<String> = ["deis-publisher"]

    /// An application container scheduled by the Deis v1 controller: `APP_vN.TYPE.N.service`.
    public static func isAppUnit(_ name: String) -> Bool {
        guard name.hasSuffix(".service"), !name.hasPrefix("deis-") else { return false }
        let parts = name.dropLast(8).split(separator: ".")
        guard parts.count == 3, let underscore = parts[0].lastIndex(of: "_") else { return false }
        let version = parts[0][parts[0].index(after: underscore)...]
        return version.hasPrefix("v") && version.dropFirst().allSatisfy(\.isNumber) && parts[2].allSatisfy(\.isNumber)
    }

    public static func isControlPlane(_ unit: FleetUnit) -> Bool { controlPlaneUnits.contains(unit.baseName) }
    public static func isDataPlane(_ unit: FleetUnit) -> Bool { dataPlaneUnits.contains(unit.baseName) || isAppUnit(unit.name) }

    /// Components whose units run an image (`/run/deis/bin/get_image /deis/COMPONENT` in deisctl
    /// 1.13.4's unit templates); deis-store-volume mounts a volume and pulls none.
    public static let imagedComponents: Set<String> = [
        "builder", "controller", "database", "logger", "logspout", "publisher", "registry", "router",
        "store-admin", "store-daemon", "store-gateway", "store-metadata", "store-monitor",
    ]

    /// The component of a Deis unit, as its image and keys name it: `deis-store-gateway@1.service` → `store-gateway`.
    public static func component(of unit: FleetUnit) -> String? {
        guard unit.baseName.hasPrefix("deis-") else { return nil }
        return String(unit.baseName.dropFirst(5))
    }

    /// The image repository of a Deis component unit: `deis-store-gateway@1.service` → `deis/store-gateway`.
    public static func imageRepository(of unit: FleetUnit) -> String? {
        component(of: unit).map { "deis/" + $0 }
    }

    /// The image `/run/deis/bin/get_image /deis/COMPONENT` names: `/deis/COMPONENT/image` when set,
    /// else `deis/COMPONENT:RELEASE` (leading slash removed, as the script does). nil when neither
    /// an override nor the release is known (the machine's /etc/deis-release decides).
    public static func image(of component: String, keys: EtcdKeys) -> String? {
        if let override = keys["/deis/\(component)/image"].text {
            let bare = override.hasPrefix("/") ? String(override.dropFirst()) : override
            let lastSegment = bare.split(separator: "/").last ?? ""
            return lastSegment.contains(":") || bare.contains("@") ? bare : bare + ":latest"
        }
        return keys[platformVersionKey].text.map { "deis/\(component):\($0)" }
    }
}
