import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Decides what a key means in the current state. The only place that knows which
/// actions mutate: read-only mode is enforced here, for every view at once.
public enum Dispatcher {
    public enum Outcome: Equatable, Sendable {
        case perform(Action)
        /// A mutating key pressed in read-only mode, with the reason to show.
        case refused(String)
        /// A character typed into the high-risk confirmation field.
        case typed(Character)
        case erase
        case ignored
    }

    public static func dispatch(_ key: Key, model: AppModel) -> Outcome {
        switch model.dialog {
        case .busy:
            return .ignored
        case .help, .details:
            return [.escape, .enter, .char("q"), .char("?"), .char("n")].contains(key) ? .perform(.cancel) : .ignored
        case .confirm(let plan, let dryRun, let typed):
            return confirmKey(key, plan: plan, dryRun: dryRun, typed: typed, model: model)
        case .windowForm:
            return formKey(key, model: model)
        case nil:
            guard let binding = KeyBinding.binding(for: key) else { return .ignored }
            if binding.mutating, let reason = model.readOnlyReason {
                return .refused("read-only: '\(binding.keyLabel)' is disabled — \(reason)")
            }
            if binding.action == .toggleReadOnly, model.readOnly, let lock = model.readOnlyLock {
                return .refused("read-only is locked: \(lock); restart without it to make changes")
            }
            return .perform(binding.action)
        }
    }

    /// The window form: navigation and submit from `formTable`, Backspace erases, any
    /// other character types. Submitting only previews; read-only mode refuses it anyway.
    static func formKey(_ key: Key, model: AppModel) -> Outcome {
        if key == .backspace { return .erase }
        if let binding = KeyBinding.binding(for: key, in: KeyBinding.formTable) {
            if binding.action == .submit, let reason = model.readOnlyReason { return .refused("read-only: \(reason)") }
            return .perform(binding.action)
        }
        if case .char(let character) = key { return .typed(character) }
        return .ignored
    }

    static func confirmKey(_ key: Key, plan: FixPlan, dryRun: DryRunOutcome, typed: String, model: AppModel) -> Outcome {
        let accepted: Bool
        if case .accepted = dryRun { accepted = true } else { accepted = false }
        if key == .escape { return .perform(.cancel) }
        if plan.risk == .high {
            switch key {
            case .enter:
                guard accepted, typed == model.target.confirmationName else { return .perform(.cancel) }
                return model.readOnlyReason.map { .refused("read-only: \($0)") } ?? .perform(.confirm)
            case .backspace: return .erase
            case .char(let c): return .typed(c)
            default: return .ignored
            }
        }
        guard let binding = KeyBinding.binding(for: key, in: KeyBinding.dialogTable) else { return .ignored }
        if binding.action == .confirm {
            if !accepted { return .ignored }
            if let reason = model.readOnlyReason { return .refused("read-only: \(reason)") }
        }
        return .perform(binding.action)
    }
}
