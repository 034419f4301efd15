import ArgumentParser
import TUI

/// Prints the key table (the README's key section is generated from it).
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Print the console's keys as a Markdown table.")

    func run() {
        print("| key | action | changes the cluster |\n|---|---|---|")
        for binding in KeyBinding.table + KeyBinding.dialogTable + KeyBinding.formTable {
            let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " ")
            print("| \(keys) | \(binding.help) | \(binding.mutating ? "yes" : "no") |")
        }
    }
}
