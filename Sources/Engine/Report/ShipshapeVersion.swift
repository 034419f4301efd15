import ShipshapeCore
import ShipshapeRunner
import PlatformKit
/// The version printed by `--version` and written into reports.
public enum ShipshapeVersion {
    public static let current = "0.1.0"
    public static let informationURI = "https://github.com/shipshape/shipshape"
}
