import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import WorkflowPlatform
import DeckhousePlatform
import Deis1Platform
import SwarmPlatform
import EtcdPlatform

/// The platforms shipshape knows: the one list, and the only module that imports every
/// platform. Adding a platform is adding its folder and one line here.
public struct PlatformRegistry: Sendable {
    /// In detection order where ranks tie; each plug-in's `detectionRank` decides first.
    public let plugins: [any PlatformPlugin]

    public init(plugins: [any PlatformPlugin]) {
        self.plugins = plugins
    }

    public static let standard = PlatformRegistry(plugins: [
        WorkflowPlugin(), DeckhousePlugin(), Deis1Plugin(), SwarmPlugin(), EtcdPlugin(),
    ])

    public func plugin(for id: PlatformID) -> (any PlatformPlugin)? {
        plugins.first { $0.id == id }
    }

    /// A platform id as typed on the command line or in an estate file.
    public func plugin(named name: String) -> (any PlatformPlugin)? {
        plugins.first { $0.id.rawValue == name }
    }

    public var ids: [PlatformID] { plugins.map(\.id) }

    /// The adapter for a pinned target (replay, snapshots, undo), through its platform. A
    /// decoded target carries only the platform's raw id; its plug-in's id has the name.
    public func adapter(for target: Target, runner: any CommandRunner) throws -> any PlatformAdapter {
        guard let plugin = plugin(for: target.platform) else {
            throw PinError("unknown platform \(target.platform.rawValue) (known: \(ids.map(\.rawValue).joined(separator: ", ")))")
        }
        var target = target
        target.platform = plugin.id
        return plugin.makeAdapter(for: target, runner: runner)
    }
}
