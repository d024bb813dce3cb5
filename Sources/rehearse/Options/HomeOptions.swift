import ArgumentParser
import Foundation
import Sessions

/// `--home`, shared by every command that reads decks or sessions.
struct HomeOptions: ParsableArguments {
    @Option(
        name: .customLong("home"),
        help:
            "Folder holding Prompts/ and Recordings/ (default: $REHEARSE_HOME, else the current folder if it has Prompts/, else ~/.local/share/rehearse).",
        completion: .directory)
    var path: String?

    var practiceHome: PracticeHome { PracticeHome.resolve(path) }

    /// The database the running command opened, so a database error can name it.
    nonisolated(unsafe) static var openedDatabase: String?

    /// Opens the store and prints what recovery imported (a recording a crash left behind).
    /// - Parameters:
    ///   - decks: give recovered answers their wording; loaded here only if needed and not given.
    ///   - readOnly: for commands that only read: a database the user may not write still opens.
    func openStore(decks: [Deck]? = nil, readOnly: Bool = false) throws -> SessionStore {
        Self.openedDatabase = practiceHome.database.path
        let (store, report) = try SessionStore.open(home: practiceHome, readOnly: readOnly) { decks ?? loadDecks() }
        for file in report.imported {
            Console.note("recovered \(file) (recorded but never saved: analysed and imported now)")
        }
        for (file, reason) in report.skipped { Console.note("warning: \(file): \(reason); left as it is") }
        return store
    }

    /// Every deck, reporting the ones that fail to load (the others still load).
    func loadDecks() -> [Deck] {
        let (decks, errors) = DeckLoader.loadAll(from: practiceHome.prompts.path)
        for error in errors { Console.note("warning: " + error.description) }
        return decks
    }
}
