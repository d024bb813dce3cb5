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
    ///
    /// The file is never seen unlocked under its name: it is created and locked under a hidden
    /// staging name (which recovery does not look at), then linked to its name, which fails if the
    /// name is taken. Created and locked in place, another command's recovery could open and lock
    /// the new, empty file between the two steps: the writer then failed, and the empty file was
    /// reported as unreadable by every command after. A file system without hard links (FAT) gets
    /// the file created and locked in place.
    /// - Throws: `StoreError` naming the file when it already exists or cannot be created.
    public init(creating path: String) throws {
        try self.init(creating: path, beforeLocking: {})
    }

    /// As `init(creating:)`, calling `beforeLocking` once the file exists and before it is locked
    /// (for tests: whatever another process could see in that instant).
    init(creating path: String, beforeLocking: () -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let staging = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).creating").path
        unlink(staging)  // Left by a process of the same id killed at this very step.
        let descriptor = try Self.createLocked(staging, naming: path, beforeLocking: beforeLocking)
        let linked = link(staging, path) == 0
        let linkError = errno
        unlink(staging)
        if linked {
            self.descriptor = descriptor
            return
        }
        close(descriptor)
        guard linkError == EPERM || linkError == ENOTSUP || linkError == EOPNOTSUPP else {
            throw Self.cannotCreate(path, linkError)
        }
        self.descriptor = try Self.createLocked(path, naming: path, beforeLocking: beforeLocking)
    }

    /// Creates `file`, which must not exist, and locks it; errors name the take's `path`.
    private static func createLocked(_ file: String, naming path: String, beforeLocking: () -> Void) throws -> Int32 {
        let descriptor = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw cannotCreate(path, errno) }
        beforeLocking()
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            unlink(file)
            throw StoreError("cannot lock '\(path)': \(reason)")
        }
        return descriptor
    }

    private static func cannotCreate(_ path: String, _ code: Int32) -> StoreError {
        StoreError("cannot create '\(path)': \(code == EEXIST ? "it already exists" : String(cString: strerror(code)))")
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

    /// As `init?(existing:)`, trying again every 10 ms for up to `seconds`: a lock held only for a
    /// moment is not a writer at work but a process starting a program, whose copy of every open
    /// file (and so of the lock) lasts until the program has started.
    public init?(existing path: String, waitingUpTo seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            if let lock = TakeLock(existing: path) {
                self = lock
                return
            }
            guard Date() < deadline else { return nil }
            usleep(10_000)
        }
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
