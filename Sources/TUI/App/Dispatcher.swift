import Foundation
import ShipshapeCore
import PaneKit
import PlatformKit
import Engine

/// Decides what a key means in the current state, from the model's key table. The only
/// place that knows which actions mutate: read-only mode is enforced here, for every view
/// and for the command line at once.
public enum Dispatcher {
    public enum Outcome: Equatable, Sendable {
        case perform(Action)
        /// A number key: the pane numbered so.
        case jump(Int)
        /// The command line, read and allowed.
        case command(ColonCommand)
        /// A mutating key pressed in read-only mode, or a command line that cannot run, with the reason to show.
        case refused(String)
        /// A character typed into the field that has the keyboard.
        case typed(Character)
        case ignored
    }

    /// The context keys are read in right now.
    public static func context(of model: AppModel) -> KeyContext {
        switch model.dialog {
        case .details?: return model.prompt == nil ? .details : .prompt
        case .confirm?: return .confirm
        case .windowForm?: return .form
        case .busy?: return .console
        case nil: return model.prompt == nil ? .console : .prompt
        }
    }

    public static func dispatch(_ key: Key, model: AppModel) -> Outcome {
        if case .busy? = model.dialog { return .ignored }
        if case .confirm(let plan, let dryRun, let typed)? = model.dialog {
            return confirmKey(key, plan: plan, dryRun: dryRun, typed: typed, model: model)
        }
        let context = context(of: model)
        guard let binding = model.keys.binding(for: key, in: context) else {
            // Fields take the characters no binding claims.
            if context == .prompt || context == .form, case .char(let character) = key { return .typed(character) }
            return .ignored
        }
        if context == .prompt, binding.action == .submit, case .command? = model.prompt?.kind {
            return commandLine(model.prompt?.text ?? "", model: model)
        }
        if binding.mutating, let reason = model.readOnlyReason {
            return .refused("read-only: '\(key.label)' is disabled — \(reason)")
        }
        if binding.action == .toggleReadOnly, model.readOnly, let lock = model.readOnlyLock {
            return .refused("read-only is locked: \(lock); restart without it to make changes")
        }
        if binding.action == .jumpToPane, let position = binding.keys.firstIndex(of: key) { return .jump(position + 1) }
        return .perform(binding.action)
    }

    /// Enter on the command line: the command, unless it cannot be read or would change a
    /// cluster in read-only mode (`:fix` is refused exactly as `f` is).
    static func commandLine(_ text: String, model: AppModel) -> Outcome {
        switch ColonCommand.parse(text, panes: model.commandPanes) {
        case .failure(let error): return .refused(error.description)
        case .success(let command):
            if let action = command.action, model.keys.isMutating(action), let reason = model.readOnlyReason {
                return .refused("read-only: ':\(text.trimmingCharacters(in: .whitespaces))' is disabled — \(reason)")
            }
            return .command(command)
        }
    }

    static func confirmKey(_ key: Key, plan: FixPlan, dryRun: DryRunOutcome, typed: String, model: AppModel) -> Outcome {
        let accepted: Bool
        if case .accepted = dryRun { accepted = true } else { accepted = false }
        let binding = model.keys.binding(for: key, in: .confirm)
        if binding?.action == .cancel, key == .escape { return .perform(.cancel) }
        if plan.risk == .high {
            // The typed context name is the confirmation: Enter applies only when it matches.
            switch key {
            case .enter:
                guard accepted, typed == model.target.confirmationName else { return .perform(.cancel) }
                return model.readOnlyReason.map { .refused("read-only: \($0)") } ?? .perform(.confirm)
            case .backspace: return .perform(.erase)
            case .char(let c): return .typed(c)
            default: return binding?.action == .cancel ? .perform(.cancel) : .ignored
            }
        }
        guard let binding else { return .ignored }
        if binding.action == .confirm, !accepted { return .ignored }
        if binding.mutating, let reason = model.readOnlyReason { return .refused("read-only: \(reason)") }
        return .perform(binding.action)
    }
}
