import ShipshapeCore

/// Runs a tool that keeps running and reports as it goes — `kubectl get --raw '…?watch=1'`,
/// `docker events`, `etcdctl watch` — handing over each line of its output as it arrives.
/// The only other way shipshape starts a process, with the same discipline: argv only, the
/// explicit environment, the pinned target in the command, and a torn-down process group when
/// the stream ends or the caller goes away.
public protocol StreamingRunner: Sendable {
    /// Starts `command` and calls `line` with each complete line of its standard output (without
    /// the newline; valid only during the call; decode it there, hand the result on afterwards). Returns when the tool exits on its own (0), when
    /// `line` returns `.stop`, or, with `CancellationError`, when the task is cancelled — the tool
    /// and its children are stopped in every case before it returns. A tool that exits non-zero
    /// throws its `RunError` with its standard error; so does one that is silent for longer than
    /// `idleSeconds` (a hung stream) or prints a line longer than `maxLineBytes`.
    func stream(_ command: Command, idleSeconds: Double, maxLineBytes: Int,
                line: (UnsafeRawBufferPointer) -> StreamVerdict) async throws -> StreamEnd
}

/// What the line handler says after a line.
public enum StreamVerdict: Sendable {
    case more
    /// Enough: stop the tool (e.g. the stream said its resource version is too old).
    case stop
}

/// How a stream ended without an error.
public enum StreamEnd: Sendable, Equatable {
    /// The tool exited 0 by itself (a server that ended a watch at its timeout).
    case exited
    /// The handler asked it to stop.
    case stopped
}
