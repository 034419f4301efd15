import ShipshapeCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a large output goes instead of a pipe: an anonymous in-memory file (Linux
/// `memfd_create`). The tool writes into it; once the tool has exited, the file is mapped and
/// decoded where it lies. A pipe read through swift-subprocess comes in 64 KB chunks appended
/// to a growing array: for the 28 MB node list of 5,000 nodes that cost shipshape ~39 ms of CPU
/// and the read ~40 ms of wall time, against ~5 ms and ~12 ms this way (scripts/bench).
///
/// The file is memory only: never on disk, never named in the file system, closed when the
/// read is done. Its size is set to the output limit plus a margin and sealed against growth,
/// so a tool that keeps writing is stopped by the kernel (its write fails) instead of filling
/// memory. The kernel refuses a write that would cross the end as a whole, so the margin is
/// what lets an ordinary write (kubectl writes 32 KB at a time) land past the limit, where
/// the output reads as "too large"; a single write bigger than the margin makes the tool fail
/// on its own instead.
///
/// Linux only; `init` returns nil elsewhere, or when the kernel refuses, and callers fall back
/// to the pipe.
final class MemoryFileOutput {
    /// The file, to hand to the child as its standard output. Close-on-exec, so concurrently
    /// started tools never inherit each other's.
    let descriptor: Int32

    init?(limit: Int) {
        #if os(Linux)
        guard let create = Self.memfdCreate else { return nil }
        let fd = create("shipshape-output", Self.closeOnExec | Self.allowSealing)
        guard fd >= 0 else { return nil }
        guard ftruncate(fd, off_t(limit) + Self.margin) == 0,
              fcntl(fd, Self.addSeals, Self.sealGrow | Self.sealShrink) == 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Bytes the tool wrote: the child's standard output is a duplicate of `descriptor`, so
    /// the two share one file offset, and it ends where the last write ended.
    var writtenLength: Int {
        Int(lseek(descriptor, 0, SEEK_CUR))
    }

    /// Calls `body` with the first `count` bytes, mapped read-only for the duration of the call
    /// (read into an array if mapping fails).
    func withBytes<T>(count: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T {
        guard count > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        if let mapped = mmap(nil, count, PROT_READ, MAP_SHARED, descriptor, 0), mapped != UnsafeMutableRawPointer(bitPattern: -1) {
            defer { munmap(mapped, count) }
            return try body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: count))
        }
        let copy = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = max(pread(descriptor, buffer.baseAddress, count, 0), 0)
        }
        return try copy.withUnsafeBufferPointer(body)
    }

    /// Room past the limit for the write that crosses it (see above).
    private static let margin: off_t = 16 * 1_048_576

    // Linux ABI values (<linux/memfd.h>, <linux/fcntl.h>); the Glibc module does not export them.
    private static let closeOnExec: UInt32 = 0x1      // MFD_CLOEXEC
    private static let allowSealing: UInt32 = 0x2     // MFD_ALLOW_SEALING
    private static let addSeals: Int32 = 1033         // F_ADD_SEALS
    private static let sealShrink: Int32 = 0x2        // F_SEAL_SHRINK
    private static let sealGrow: Int32 = 0x4          // F_SEAL_GROW

    private typealias MemfdCreate = @convention(c) (UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc 2.27 and later have it; looked up at run time so an older libc just falls back.
    private static let memfdCreate: MemfdCreate? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "memfd_create") else { return nil }
        return unsafeBitCast(symbol, to: MemfdCreate.self)
    }()
}
