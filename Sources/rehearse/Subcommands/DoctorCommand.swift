import Analysis
import ArgumentParser
import Foundation
import Reports
import Sessions

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check that the database and the recordings agree, and repair what does not.",
        discussion: """
            Checks the database's integrity and that every take's audio is there and decodes. \
            Recordings the database does not know (left by a crash) are always imported. Answers whose \
            audio file has disappeared are reported; --repair removes them from the database. Audio \
            that is there but unreadable is reported and never removed. Takes measured by an older \
            version of the detector are counted; --reanalyse measures them again, so that old and new \
            answers can be compared.
            """
    )

    @OptionGroup var home: HomeOptions

    @Flag(help: "Remove takes whose audio file is missing.")
    var repair = false

    @Flag(help: "Measure again the takes an older version of the detector measured.")
    var reanalyse = false

    func run() throws {
        let store = try home.openStore()
        if reanalyse {
            let result = try store.reanalyse(home: home.practiceHome) { done, total in
                if total > 0 { Console.status("Re-analysing… \(done) of \(total)") }
            }
            Console.endStatus()
            for (file, reason) in result.failed { print("not re-analysed: \(file): \(reason)") }
            print(
                "Re-analysed \(result.updated) take\(result.updated == 1 ? "" : "s") with detector version \(AnswerAnalysis.detectorVersion)."
            )
        }
        let findings = try Doctor.check(home: home.practiceHome, store: store) { done, total in
            if total > 20 { Console.status("Checking audio… \(done) of \(total)") }
        }
        Console.endStatus()
        if !findings.databaseDamage.isEmpty {
            for line in findings.databaseDamage.prefix(10) { print("database damage: \(line)") }
            throw CommandFailure(
                "'\(home.practiceHome.database.path)' is damaged; copy it aside and see README's 'Where things live'; your recordings are untouched"
            )
        }
        for (file, reason) in findings.unreadableAudio { print("unreadable audio: \(file): \(reason)") }
        for session in findings.emptySessions { print("empty session (nothing recorded): \(session)") }
        let missing = findings.missingAudio
        if findings.staleTakes > 0 && !reanalyse {
            let stale = findings.staleTakes
            let text =
                "\(stale) take\(stale == 1 ? " was" : "s were") measured by an older detector; run 'rehearse doctor --reanalyse' to compare them with new ones."
            for line in TextWrap.lines(text, width: Console.width) { print(line) }
        }
        if missing.isEmpty && findings.unreadableAudio.isEmpty {
            print("All \(findings.takes) takes have their audio; nothing to repair.")
            return
        }
        for file in missing { print("missing audio: \(file)") }
        if repair && !missing.isEmpty {
            for file in missing { try store.forgetTake(file: file) }
            print("Removed \(missing.count) take\(missing.count == 1 ? "" : "s") without audio from the database.")
        } else if !missing.isEmpty {
            print(
                "\(missing.count) take\(missing.count == 1 ? "" : "s") without audio. Run 'rehearse doctor --repair' to remove them from the database."
            )
        }
        if !findings.unreadableAudio.isEmpty || (!missing.isEmpty && !repair) { throw ExitCode.failure }
    }
}
