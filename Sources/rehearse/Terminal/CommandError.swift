import ArgumentParser
import AudioIO
import Foundation
import Sessions

/// A failure to report as one line, with a non-zero exit: thrown instead of exiting, so that
/// `defer` blocks and deinitialisers (closing files, stopping streams) always run.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The one line users see for an error they (or their machine) can cause; nil for anything else.
func userFacingMessage(_ error: any Error) -> String? {
    switch error {
    case let error as CommandFailure: error.description
    case let error as SoundFileError: error.description
    case let error as AudioDeviceError: error.description
    case let error as StoreError: error.description
    case let error as DeckError: error.description
    // File-system failures (a full disk, a read-only folder) while managing sessions.
    case let error as CocoaError: error.localizedDescription
    default: StoreError.describing(error, database: HomeOptions.openedDatabase)?.description
    }
}

/// Prints `message` as rehearse's one-line error on standard error.
func printError(_ message: String) {
    Console.endStatus()
    Console.note("rehearse: " + Console.red("error: ") + message)
}
