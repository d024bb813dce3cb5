import AudioIO
import Foundation
import GRDB
import Testing
import TestSupport

/// Commands that run at the same time on one home: nothing lost, nothing doubled, no take adopted
/// while it is still being written.
extension AudioIntegration {
    @Suite struct OverlappingCommandsTests {
        let audio: VirtualAudio
        let scratch: TemporaryFolder
        let home: URL
        let answer: URL
        let rehearse = Paths.rehearseExecutable.path

        init() throws {
            audio = try VirtualAudio.require()
            scratch = try TemporaryFolder("rehearse-overlap")
            home = try Paths.practiceHome(in: scratch.url)
            answer = try SpeechFixtures.speech(
                "I would start by listening to the team", sampleRate: 48_000, leadingSilence: 0.5, trailingSilence: 1.0,
                in: scratch.url, name: "answer")
        }

        func start(_ arguments: [String]) throws -> ChildProcess {
            try ChildProcess(rehearse, arguments + ["--home", home.path], environment: audio.childEnvironment)
        }

        /// The reproduction from the reliability report: `sessions` while `practice` records.
        @Test func aCommandRunDuringARecordingLeavesTheTakeToItsWriter() throws {
            let practice = try start([
                "practice", "--deck", "situational", "--count", "1", "--think", "0", "--limit", "6",
                "--non-interactive",
            ])
            #expect(try audio.waitForRecordingClient() != nil)
            try audio.feedMicrophone(answer)
            let during = try start(["sessions"]).finish()
            #expect(during.status == 0, "\(during.standardError)")
            #expect(!during.standardError.contains("recovered"), "\(during.standardError)")
            let result = practice.finish()
            #expect(result.status == 0, "\(result.standardError)")
            let takes = try storedTakes()
            #expect(takes.count == 1)
            #expect(abs((takes.first?.duration ?? 0) - 6) < 0.05, "\(takes)")
        }

        /// Three practice sessions, four imports and readers, all at once on a new home.
        @Test func practiceImportAndReportsAtOnceLoseAndDoubleNothing() throws {
            var files: [URL] = []
            for index in 0..<8 {
                let copy = scratch.url.appendingPathComponent("import\(index).wav")
                try FileManager.default.copyItem(at: answer, to: copy)
                files.append(copy)
            }
            var processes: [ChildProcess] = []
            for _ in 0..<3 {
                processes.append(
                    try start([
                        "practice", "--count", "2", "--think", "0", "--limit", "2", "--non-interactive",
                    ]))
            }
            for pair in 0..<4 {
                processes.append(
                    try start([
                        "import", files[2 * pair].path, files[2 * pair + 1].path, "--prompt", "first-90-days",
                        "--date", "2026-11-0\(pair + 1)T09:00:00Z", "--again",
                    ]))
            }
            for _ in 0..<3 {
                for reader in [["sessions"], ["report"], ["export", "--format", "csv"], ["doctor"]] {
                    processes.append(try start(reader))
                }
            }
            let results = processes.map { $0.finish() }
            for result in results {
                #expect(result.status == 0, "\(result.standardError)")
                #expect(!result.standardError.contains("recovered"), "\(result.standardError)")
            }

            let takes = try storedTakes()
            #expect(takes.count == 3 * 2 + 4 * 2)
            #expect(Set(takes.map(\.file)).count == takes.count)
            for take in takes {
                let reader = try AudioFileReader(path: home.appendingPathComponent(take.file).path)
                #expect(
                    abs(reader.duration - take.duration) < 0.001,
                    "\(take.file): \(reader.duration) s on disk, \(take.duration) s stored")
            }
            let sessions = try Set(
                FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("Recordings").path)
                    .filter { !$0.hasPrefix("rehearse.sqlite") })
            #expect(sessions.count == 3 + 4, "\(sessions)")
            let integrity = try DatabaseQueue(path: home.appendingPathComponent("Recordings/rehearse.sqlite").path)
                .read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"])
        }

        /// The take rows as stored: file and duration.
        func storedTakes() throws -> [(file: String, duration: Double)] {
            try DatabaseQueue(path: home.appendingPathComponent("Recordings/rehearse.sqlite").path).read { db in
                try Row.fetchAll(db, sql: "SELECT file, duration FROM take ORDER BY file").map {
                    ($0["file"], $0["duration"])
                }
            }
        }
    }
}

/// Several commands on a new home at once: the first creates the database, the others wait for it.
@Suite struct FirstUseRaceTests {
    @Test func commandsStartedTogetherOnANewHomeAllSucceed() throws {
        try TemporaryFolder.with("rehearse-first-use") { folder in
            let home = try Paths.practiceHome(in: folder)
            let processes = try (0..<12).map { index in
                try ChildProcess(
                    Paths.rehearseExecutable.path, [index % 2 == 0 ? "doctor" : "sessions", "--home", home.path],
                    environment: Paths.utcEnvironment)
            }
            for result in processes.map({ $0.finish() }) {
                #expect(result.status == 0, "\(result.standardError)")
                #expect(result.standardError.isEmpty, "\(result.standardError)")
            }
        }
    }
}
