#if DEBUG
import Foundation

/// Failures the C libraries can have that a test cannot otherwise cause without root: set
/// `REHEARSE_FAULT` before starting a debug build. Release builds do not contain this.
///
/// - `device-busy`: opening any PortAudio stream fails as a busy device does.
/// - `disk-full-after=SECONDS`: writing audio fails with ENOSPC once a file holds that much.
enum Fault {
    case deviceBusy
    case diskFull(afterSeconds: Double)

    /// The fault this process was started with, if any.
    static let active: Fault? = {
        guard let text = ProcessInfo.processInfo.environment["REHEARSE_FAULT"] else { return nil }
        if text == "device-busy" { return .deviceBusy }
        if text.hasPrefix("disk-full-after="), let seconds = Double(text.dropFirst("disk-full-after=".count)) {
            return .diskFull(afterSeconds: seconds)
        }
        return nil
    }()
}
#endif
