import ShipshapeCore
#if canImport(Glibc)
import Glibc
#endif

/// Hands the allocator's free pages back to the kernel after a refresh.
///
/// A refresh at 5,000 nodes churns through tens of megabytes of short-lived buffers (kubectl
/// output read in 64 KB chunks, decoding temporaries) on several threads. glibc keeps the
/// freed holes in its per-thread arenas, so the console sat at ~65 MB between refreshes with
/// ~40 MB live, creeping up over time (scripts/bench). `malloc_trim(0)` returns them, in
/// about a millisecond. It is looked up at run time: where it does not exist (macOS, musl)
/// there is nothing to do.
public enum MemoryTrim {
    private typealias TrimFunction = @convention(c) (Int) -> Int32

    private static let trim: TrimFunction? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: TrimFunction.self)
        #else
        return nil
        #endif
    }()

    public static func releaseFreePages() {
        _ = trim?(0)
    }
}
