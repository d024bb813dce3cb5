import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a take's audio file, held by the process that writes the
/// file from before its first byte until the take is stored in the database. Recovery adopts only
/// files it can lock, so a recording still in progress in another process is never imported
/// half-written. The kernel releases the lock when its holder exits, crashes or is killed, so a
/// file left by a dead writer becomes adoptable at once.
public struct TakeLock: ~Copyable {
    private let descriptor: Int32

    /// Creates the file (which must not exist yet) and locks it before anything is written to it.
    /// - Throws: `StoreError` naming the file when it already exists or cannot be created.
    public init(creating path: String) throws {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw StoreError("cannot create '\(path)': \(reason)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StoreError("cannot lock '\(path)': \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
    }

    /// Locks an existing file if no other process holds it; nil while its writer is still at work
    /// (or when the file cannot be opened).
    public init?(existing path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    /// Releases the lock now rather than at the end of the scope.
    public consuming func release() {}

    deinit { close(descriptor) }
}

/// An exclusive lock on a folder, waited for: serialises one-time set-up (creating the database
/// schema) across processes. Released at the end of its scope, or by the kernel if its holder dies.
struct FolderLock: ~Copyable {
    private let descriptor: Int32

    init(waitingFor folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError("cannot open '\(folder)': \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX) == 0 else {
            close(descriptor)
            throw StoreError("cannot lock '\(folder)': \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
