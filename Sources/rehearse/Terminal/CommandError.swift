import Foundation
import ArgumentParser
import AudioIO
import Sessions

/// Runs a command body and turns the errors users can cause into one line on standard error and a
/// non-zero exit, instead of a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as SoundFileError {
        fail(error.description)
    } catch let error as AudioDeviceError {
        fail(error.description)
    } catch let error as StoreError {
        fail(error.description)
    } catch let error as DeckError {
        fail(error.description)
    } catch let error as CocoaError {
        // File-system failures (a full disk, a read-only folder) while managing sessions.
        fail(error.localizedDescription)
    }
}

func fail(_ message: String) -> Never {
    Console.endStatus()
    Console.note("rehearse: " + Console.red("error: ") + message)
    Rehearse.exit(withError: ExitCode.failure)
}
