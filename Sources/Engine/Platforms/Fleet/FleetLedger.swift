import Synchronization

/// The fleet state the adapter read last. fleetctl has no command that reads one unit
/// or one machine — only whole lists — so the preconditions of fleet fixes compare the
/// live list with the list the preview was made from; this is where that list is kept.
final class FleetLedger: Sendable {
    private let last = Mutex<FleetState?>(nil)

    func record(_ fleet: FleetState?) {
        guard let fleet else { return }
        last.withLock { $0 = fleet }
    }

    var current: FleetState? { last.withLock { $0 } }
}
