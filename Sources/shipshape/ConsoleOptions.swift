import ArgumentParser
import Engine

/// Flags shared by the interactive console and the demo.
struct ConsoleOptions: ParsableArguments {
    @Flag(name: .customLong("read-only"), help: "Disable every fix, undo and drill for the whole session; R cannot lift it.")
    var readOnly = false

    @Option(help: "Key bindings file (default: $XDG_CONFIG_HOME/shipshape/keys.yaml when it exists; `shipshape keys` lists the actions).")
    var keys: String?

    @Option(help: "Colour theme: a name from themes/ or a YAML file path. NO_COLOR turns colour off.")
    var theme: String = "default"

    @Option(name: .customLong("refresh"), help: "Seconds between automatic refreshes (0 turns them off).")
    var refreshSeconds: Double = 15

    @Flag(help: "Start in watch mode (w toggles): refresh every --interval seconds and log what changed.")
    var watch = false

    @Option(help: "Seconds between refreshes in watch mode.")
    var interval: Double = 5

    @Flag(help: "Ring the terminal bell when a node or etcd member is lost or an error-level finding appears.")
    var bell = false

    @OptionGroup var policyOptions: PolicyOptions

    @Option(name: .customLong("backup-dir"), help: "Where etcd snapshots go (default: $XDG_DATA_HOME/shipshape/backups).")
    var backupDirectory: String?

    @Option(help: "Audit log file (default: $XDG_STATE_HOME/shipshape/audit.jsonl).")
    var auditLog: String?

    func openAuditLog() throws -> AuditLog {
        try AuditLog(path: auditLog ?? AuditLog.defaultPath())
    }
}
