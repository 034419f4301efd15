import Foundation
import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import KubernetesRules
import KubernetesPanes
import Synchronization

/// `kubectl patch KIND NAME --type=merge -p JSON [--dry-run=server]` for the cluster-scoped
/// custom resources the Deckhouse fixes change. Like a real API server it refuses the
/// default strategic merge patch on a custom resource, so a plan that forgets
/// `--type=merge` fails in the demo as it would on a cluster.
extension KubeSandbox {
    /// kubectl's names for a kind → the collection path, the printed resource name and the
    /// qualified plural the API server names in errors.
    static let patchableKinds: [String: (path: String, resource: String, plural: String)] = {
        let moduleConfigs = (path: "/apis/deckhouse.io/v1alpha1/moduleconfigs", resource: "moduleconfig.deckhouse.io",
                             plural: "moduleconfigs.deckhouse.io")
        let releases = (path: "/apis/deckhouse.io/v1alpha1/deckhousereleases", resource: "deckhouserelease.deckhouse.io",
                        plural: "deckhousereleases.deckhouse.io")
        return ["mc": moduleConfigs, "moduleconfig": moduleConfigs, "moduleconfigs": moduleConfigs,
                "moduleconfigs.deckhouse.io": moduleConfigs, "moduleconfig.deckhouse.io": moduleConfigs,
                "deckhouserelease": releases, "deckhousereleases": releases, "deckhousereleases.deckhouse.io": releases]
    }()

    func patch(_ args: [String], dryRun: Bool, line: String) throws(RunError) -> CommandOutput {
        var positional: [String] = []
        var type = "strategic"
        var body: String?
        var index = 0
        while index < args.count {
            let arg = args[index]
            if arg.hasPrefix("--type=") { type = String(arg.dropFirst(7)) }
            else if arg.hasPrefix("-p=") { body = String(arg.dropFirst(3)) }
            else if arg.hasPrefix("--patch=") { body = String(arg.dropFirst(8)) }
            else if arg == "-p" || arg == "--patch", index + 1 < args.count { body = args[index + 1]; index += 1 }
            else if arg == "--type", index + 1 < args.count { type = args[index + 1]; index += 1 }
            else { positional.append(arg) }
            index += 1
        }
        guard positional.count == 2, let body else { throw Self.failure(line, "error: the demo sandbox needs `patch KIND NAME -p JSON`") }
        guard let kind = Self.patchableKinds[positional[0].lowercased()] else {
            throw Self.failure(line, "error: the server doesn't have a resource type \"\(positional[0])\"")
        }
        guard type == "merge" else {
            throw Self.failure(line, "Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(body.utf8))) is [String: Any] else {
            throw Self.failure(line, "error: unable to parse \"\(body.prefix(60))\": the patch is not a JSON object")
        }
        let name = positional[1]
        let outcome: (found: Bool, changed: Bool) = objects.withLock { objects in
            // Parsed inside the lock: the patch's values become part of the guarded state.
            guard let patch = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any],
                  var items = objects[kind.path], let at = items.firstIndex(where: { Self.name(of: $0) == name }) else { return (false, false) }
            let patched = Self.mergePatch(items[at], patch) as? [String: Any] ?? items[at]
            let changed = !NSDictionary(dictionary: patched).isEqual(to: items[at])
            if !dryRun && changed {
                items[at] = patched
                objects[kind.path] = items
            }
            return (true, changed)
        }
        guard outcome.found else {
            throw Self.failure(line, "Error from server (NotFound): \(kind.plural) \"\(name)\" not found")
        }
        // kubectl 1.32 prints the same line for a server dry run (observed against the API test server).
        return CommandOutput(text: "\(kind.resource)/\(name) patched\(outcome.changed ? "" : " (no change)")\n")
    }

    /// RFC 7386 JSON merge patch: objects merge, `null` deletes, anything else replaces.
    static func mergePatch(_ target: Any?, _ patch: Any) -> Any? {
        guard let patch = patch as? [String: Any] else { return patch }
        var result = target as? [String: Any] ?? [:]
        for (key, value) in patch {
            if value is NSNull {
                result.removeValue(forKey: key)
            } else {
                result[key] = mergePatch(result[key], value)
            }
        }
        return result
    }

    static func failure(_ line: String, _ stderr: String) -> RunError {
        .nonZeroExit(command: line, status: 1, stderr: stderr)
    }
}
