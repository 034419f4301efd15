import ShipshapeCore
import KubernetesRules
import EtcdRules
/// What ModuleConfig `deckhouse` says about updates: `spec.settings.releaseChannel` and
/// `spec.settings.update.{mode, windows}` (reference §5.1). Windows are kept twice: as the
/// cluster stores them (for patches that must write the others back untouched) and
/// validated; a malformed one becomes a problem sentence, never a crash.
public struct DeckhouseUpdateSettings: Sendable, Hashable {
    /// nil when unset: the release channel is off and Deckhouse does not update itself.
    public var releaseChannel: String?
    /// `Auto`, `AutoPatch` or `Manual`; nil when unset (the schema default, `AutoPatch`, applies).
    public var mode: String?
    public var rawWindows: [UpdateWindowSpec]
    /// The windows that validated, in the order listed.
    public var windows: [UpdateWindow]
    /// One sentence per malformed window, e.g. "window 2: from \"25:00\" is not a time of day …".
    public var windowProblems: [String]

    public init(releaseChannel: String?, mode: String?, rawWindows: [UpdateWindowSpec]) {
        self.releaseChannel = releaseChannel
        self.mode = mode
        self.rawWindows = rawWindows
        var windows: [UpdateWindow] = []
        var problems: [String] = []
        for (index, spec) in rawWindows.enumerated() {
            do {
                windows.append(try UpdateWindow(spec: spec))
            } catch {
                problems.append("window \(index + 1) (\(spec)): \(error.description)")
            }
        }
        self.windows = windows
        self.windowProblems = problems
    }

    /// The mode Deckhouse applies: the live value, else the schema default.
    public var effectiveMode: String { mode ?? Self.defaultMode }

    /// Schema default of `update.mode` in current releases (reference §5.1; older ones defaulted to `Auto`).
    public static let defaultMode = "AutoPatch"

    /// True when releases are applied only after an operator approves them.
    public var isManual: Bool { effectiveMode == "Manual" }

    public var schedule: WeekSchedule { WeekSchedule(windows) }
}
