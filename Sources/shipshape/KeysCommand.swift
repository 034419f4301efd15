import ArgumentParser
import TUI

/// Prints the key table as Markdown: the README's key section is this output, and a test
/// fails when they differ. With `--keys FILE` (or a `keys.yaml` in the config directory,
/// unless `--standard`), the table as that file rebinds it.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print the console's keys as a Markdown table.")

    @Option(help: "Key bindings file to apply (default: $XDG_CONFIG_HOME/shipshape/keys.yaml when it exists).")
    var keys: String?

    @Flag(help: "The standard table, ignoring any keys.yaml.")
    var standard = false

    func run() throws {
        let map: KeyMap
        if standard {
            map = .standard
        } else {
            do { map = try KeyMapLoader().loadDefault(explicitPath: keys) } catch { throw ValidationError(error.description) }
        }
        print(map.markdown)
    }
}
