internal import CSndFile

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open libsndfile handle, owned: closed when it goes out of scope, or by `close()`, which
/// reports what closing found (the final header and FLAC metadata are written then). Being
/// `~Copyable`, it cannot be used after it is closed or closed twice: the compiler refuses.
struct SoundFileHandle: ~Copyable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    /// Closes the file; the system's `errno` when libsndfile reports a failure, else nil.
    consuming func close() -> Int32? {
        let pointer = self.pointer
        discard self
        errno = 0
        return sf_close(pointer) == 0 ? nil : errno
    }

    deinit { sf_close(pointer) }
}
