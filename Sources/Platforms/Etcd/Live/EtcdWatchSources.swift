import ShipshapeCore
import ShipshapeRunner
import PlatformKit
import EtcdRules

/// What keeps an etcd section current. Member health has no stream (no watch reports a member
/// going silent), so it stays a short periodic check; the keys a platform's rules read are
/// followed with `etcdctl watch`, whose every line means "read the keys again".
public enum EtcdWatchSources {
    /// Members, status and health every `interval`; the keys already read are kept.
    public static func members(_ etcd: EtcdTarget, runner: any CommandRunner, interval: Double) -> any WatchSource {
        PollingSource(name: "etcd members", interval: interval, reason: "member health has no change stream") {
            let fresh = await EtcdProbe(runner: runner, target: etcd).probe()
            return StateChange("etcd members read again") { state in
                switch fresh {
                case .loaded(var members):
                    members.keys = state.etcd.value?.keys ?? .notProbed
                    state.etcd = .loaded(members)
                default:
                    state.etcd = fresh
                }
            }
        }
    }

    /// Follows `command` (an `etcdctl watch …` that prints a line per change) and reads the keys
    /// again, with `rereadKeys`, after each burst of lines.
    public static func keys(name: String, command: Command, runner: any CommandRunner, interval: Double,
                            rereadKeys: @escaping @Sendable () async -> Loaded<EtcdKeys>) -> any WatchSource {
        LineTriggeredSource(name: name, command: command, runner: runner, interval: interval) {
            let keys = await rereadKeys()
            return StateChange("\(name): keys read again") { state in
                guard case .loaded(var etcd) = state.etcd else { return }
                etcd.keys = keys
                state.etcd = .loaded(etcd)
            }
        }
    }
}

