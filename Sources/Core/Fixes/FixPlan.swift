import Foundation

/// A fix made concrete for one target: what changes, the exact commands, how to
/// dry-run them, what must still hold when they run, and how to undo.
public struct FixPlan: Sendable, Hashable, Codable, Identifiable {
    public enum Risk: String, Sendable, Codable {
        /// Confirmed with `y`.
        case low
        /// Confirmed by typing the context name.
        case high
    }

    public struct Change: Sendable, Hashable, Codable {
        public var what: String
        public var from: String
        public var to: String

        public init(what: String, from: String, to: String) {
            self.what = what
            self.from = from
            self.to = to
        }
    }

    public var id: String
    public var ruleID: String
    public var subject: String
    public var title: String
    public var risk: Risk
    public var intent: FixIntent
    public var changes: [Change]
    public var commands: [Command]
    /// Run before the confirmation: server-side dry runs of `commands` where the tool has them
    /// (kubectl `--dry-run=server`), else reads that preview the effect (the tasks a Swarm drain
    /// would move); empty when there is nothing to ask.
    public var dryRunCommands: [Command]
    public var preconditions: [StateCheck]
    /// What must read back after the commands ran (the new values).
    public var postconditions: [StateCheck]
    /// True when the commands run before confirmation are the server's own dry runs, not
    /// preview reads: the dialog must not call a `docker node ps` a dry run.
    public var hasServerDryRun: Bool {
        !dryRunCommands.isEmpty && dryRunCommands.allSatisfy { $0.arguments.contains { $0.hasPrefix("--dry-run") } }
    }

    /// Set when this plan is itself an undo: the audit id of the fix it reverses.
    public var undoes: String?
    /// Work on this machine after the commands ran (keep a snapshot, write a record).
    public var local: LocalAction?
    /// What the operator must know before confirming, shown with the preview ("register the
    /// admin user first").
    public var notes: [String]

    public init(id: String = UUID().uuidString, ruleID: String, subject: String, title: String, risk: Risk, intent: FixIntent,
                changes: [Change], commands: [Command], dryRunCommands: [Command], preconditions: [StateCheck], postconditions: [StateCheck], undoes: String? = nil, local: LocalAction? = nil,
                notes: [String] = []) {
        self.id = id
        self.ruleID = ruleID
        self.subject = subject
        self.title = title
        self.risk = risk
        self.intent = intent
        self.changes = changes
        self.commands = commands
        self.dryRunCommands = dryRunCommands
        self.preconditions = preconditions
        self.postconditions = postconditions
        self.undoes = undoes
        self.local = local
        self.notes = notes
    }

    // Plans recorded in audit logs before notes existed have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        ruleID = try c.decode(String.self, forKey: .ruleID)
        subject = try c.decode(String.self, forKey: .subject)
        title = try c.decode(String.self, forKey: .title)
        risk = try c.decode(Risk.self, forKey: .risk)
        intent = try c.decode(FixIntent.self, forKey: .intent)
        changes = try c.decode([Change].self, forKey: .changes)
        commands = try c.decode([Command].self, forKey: .commands)
        dryRunCommands = try c.decode([Command].self, forKey: .dryRunCommands)
        preconditions = try c.decode([StateCheck].self, forKey: .preconditions)
        postconditions = try c.decode([StateCheck].self, forKey: .postconditions)
        undoes = try c.decodeIfPresent(String.self, forKey: .undoes)
        local = try c.decodeIfPresent(LocalAction.self, forKey: .local)
        notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}
