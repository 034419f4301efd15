import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import SwarmRules
import SwarmPanes
/// Splits docker arguments into positionals and the flags the sandbox reads.
struct SwarmSandboxArguments {
    var positional: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var filters: [String: String] = [:]

    static let valued: Set<String> = ["--format", "--availability", "--constraint-add", "--constraint-rm", "--filter",
                                      "--update-order", "--since", "--until"]

    init(_ arguments: [String]) {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if Self.valued.contains(argument), index + 1 < arguments.count {
                let value = arguments[index + 1]
                if argument == "--filter" {
                    let pair = value.split(separator: "=", maxSplits: 1).map(String.init)
                    if pair.count == 2 { filters[pair[0]] = pair[1] }
                } else {
                    options[argument] = value
                }
                index += 2
            } else if argument.hasPrefix("-") {
                flags.insert(argument)
                index += 1
            } else {
                positional.append(argument)
                index += 1
            }
        }
    }

    var format: String? { options["--format"] }
    func value(_ name: String) -> String? { options[name] }
    func filter(_ name: String) -> String? { filters[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}
