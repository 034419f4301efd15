import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// The small form that adds a Deckhouse update window: days, from, to (UTC). It only
/// holds text; `validate()` asks the engine, so the console and the engine agree on what
/// a valid window is. Submitting leads to the usual preview, dry run and confirmation.
public struct WindowForm: Sendable, Equatable {
    public enum Field: Int, Sendable, CaseIterable {
        case days, from, to

        public var label: String {
            switch self {
            case .days: return "Days"
            case .from: return "From"
            case .to: return "To"
            }
        }

        public var hint: String {
            switch self {
            case .days: return "Sat,Sun or Mon-Fri; empty = every day"
            case .from: return "UTC, H:MM"
            case .to: return "UTC; not after From = past midnight"
            }
        }
    }

    /// Index of the cluster the window is for (in `AppModel.clusters`).
    public var cluster: Int
    public var days: String
    public var from: String
    public var to: String
    public var focus: Field = .days
    /// Why the last submit was refused; cleared when the operator types.
    public var error: String?
    /// The cluster's windows as last read, shown above the fields.
    public var existing: [UpdateWindowSpec]?

    static let maxLength = 40

    public init(cluster: Int, days: String, from: String, to: String) {
        self.cluster = cluster
        self.days = days
        self.from = from
        self.to = to
    }

    /// Pre-filled from a window (the policy's proposal, or the one a finding suggests).
    public init(cluster: Int, proposal: UpdateWindowSpec) {
        self.init(cluster: cluster, days: (proposal.days ?? []).joined(separator: ","), from: proposal.from, to: proposal.to)
    }

    public func value(of field: Field) -> String {
        switch field {
        case .days: return days
        case .from: return from
        case .to: return to
        }
    }

    mutating func set(_ field: Field, _ text: String) {
        switch field {
        case .days: days = text
        case .from: from = text
        case .to: to = text
        }
    }

    /// Appends a printable character to the focused field.
    public mutating func type(_ character: Character) {
        guard Sanitizer.line(String(character)) == String(character), value(of: focus).count < Self.maxLength else { return }
        set(focus, value(of: focus) + String(character))
        error = nil
    }

    public mutating func erase() {
        set(focus, String(value(of: focus).dropLast()))
        error = nil
    }

    public mutating func move(_ delta: Int) {
        let count = Field.allCases.count
        focus = Field(rawValue: ((focus.rawValue + delta) % count + count) % count)!
    }

    /// The window the fields describe, or why they do not describe one.
    public func validate() -> Result<UpdateWindow, UpdateWindowError> {
        do {
            return .success(try UpdateWindow.parse(days: days, from: from, to: to))
        } catch {
            return .failure(error)
        }
    }
}
