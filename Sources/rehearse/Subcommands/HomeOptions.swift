import ArgumentParser
import Foundation
import Sessions

/// `--home`, shared by every command that reads decks or sessions.
struct HomeOptions: ParsableArguments {
    @Option(name: .customLong("home"), help: "Folder holding Prompts/ and Recordings/ (default: $REHEARSE_HOME, else the current folder).")
    var path: String?

    var home: PracticeHome { PracticeHome.resolve(path) }

    /// Opens the store, importing any recording a crash left behind, and says what it imported.
    /// The decks give recovered answers their wording; they are loaded here unless already at hand.
    func openStore(decks: [Deck]? = nil) throws -> SessionStore {
        let store = try SessionStore(home: home)
        let report = try Recovery.importOrphans(home: home, store: store, decks: decks ?? loadDecks())
        for file in report.imported { Console.note("recovered \(file) (recorded but never saved: analysed and imported now)") }
        for (file, reason) in report.skipped { Console.note("warning: \(file): \(reason); left as it is") }
        return store
    }

    /// Every deck, reporting the ones that fail to load (the others still load).
    func loadDecks() -> [Deck] {
        let (decks, errors) = DeckLoader.loadAll(from: home.prompts.path)
        for error in errors { Console.note("warning: " + error.description) }
        return decks
    }
}
