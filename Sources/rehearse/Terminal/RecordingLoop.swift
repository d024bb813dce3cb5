import AudioIO
import Foundation

/// Runs a started recorder until the user stops it (Ctrl-C, SIGTERM, optionally Enter) or it reaches
/// its length, redrawing a status line, then finishes the file.
/// - Throws: the `SoundFileError` that ended the recording early (a full disk); the file then holds
///   everything recorded before it.
func runRecording(
    _ recorder: Recorder, stop: StopRequest, stopsOnEnter: Bool, status: (Recorder) -> String
) throws(SoundFileError) -> RecordingSummary {
    while !stop.isRequested && !recorder.isFinished {
        if stopsOnEnter, Keyboard.shared.poll() != nil { break }
        Console.status(status(recorder))
        Thread.sleep(forTimeInterval: 0.05)
    }
    Console.endStatus()
    return try recorder.stop()
}
