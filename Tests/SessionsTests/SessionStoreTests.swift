@testable import Analysis
import Foundation
import GRDB
import RepeatableRandom
import Testing
import TestSupport

@testable import Sessions

@Suite struct SessionStoreTests {
    let prompt = Prompt(id: "first-90-days", text: "What would you do in your first 90 days?", category: "situational")

    func analysis(pauses: [TimeSpan], duration: Double = 20) -> AnswerAnalysis {
        var runs: [TimeSpan] = []
        var start = 1.0
        for pause in pauses {
            runs.append(TimeSpan(start: start, end: pause.start))
            start = pause.end
        }
        runs.append(TimeSpan(start: start, end: duration - 1))
        let metrics = FluencyMetrics(
            duration: duration, runs: runs, pauses: pauses, syllables: Array(repeating: 2, count: 40),
            minimumPause: 0.25)
        return AnswerAnalysis(
            duration: duration, sampleRate: 16_000, runs: runs, pauses: pauses, syllableNuclei: [], metrics: metrics,
            settings: AnalysisSettings(), clippedSamples: 0, peakLevel: 0.5)
    }

    @Test func migratesAnEmptyDatabaseAndStoresATakeWithItsSegments() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261127-090000", at: Date(), deck: "situational")
        let answer = try store.ask(prompt, in: "20261127-090000")
        #expect(answer.position == 1)
        let pauses = [TimeSpan(start: 5, end: 6.5), TimeSpan(start: 10, end: 10.4)]
        // Whole seconds: SQLite keeps dates to the millisecond.
        let take = try store.addTake(
            to: answer.id!, number: 1, file: "Recordings/20261127-090000/01-first-90-days-take1.wav",
            recordedAt: Date(timeIntervalSince1970: 1_795_000_000), sampleRate: 16_000, droppedFrames: 0, duration: 20,
            analysis: .success(analysis(pauses: pauses)))
        #expect(take.metrics?.pauseCount == 2)
        #expect(take.metrics?.longestPause == 1.5)
        #expect(take.metrics?.responseLatency == 1)
        let stored = try store.answers(in: "20261127-090000")
        #expect(stored.count == 1)
        #expect(stored[0].takes == [take])
        let segments = try store.segments(of: take.id!)
        #expect(segments.filter { $0.kind == .pause }.map { TimeSpan(start: $0.start, end: $0.end) } == pauses)
        #expect(segments.filter { $0.kind == .speech }.count == 3)
    }

    /// A take measured by the previous detector is measured again by `reanalyse`: its version, its
    /// verdict, its measures and its segments are the current detector's afterwards.
    @Test func reanalyseBringsOldTakesUpToTheCurrentDetector() throws {
        let scratch = try TemporaryFolder("rehearse-reanalyse")
        defer { withExtendedLifetime(scratch) {} }
        let home = PracticeHome(folder: scratch.url)
        try FileManager.default.createDirectory(at: home.recordings, withIntermediateDirectories: true)
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261127-090000", at: Date(), deck: nil)
        let answer = try store.ask(prompt, in: "20261127-090000")
        // 1 s of room, 1.5 s of a voiced wobbling tone, a 1 s pause, 1.5 s more, 1 s of room.
        let rate = 16_000
        let samples = (0..<(6 * rate)).map { n -> Float in
            let t = Double(n) / Double(rate)
            let room = Float(sin(Double(n) * 12.9898).truncatingRemainder(dividingBy: 1)) * 0.0005
            guard (1.0..<2.5).contains(t) || (3.5..<5.0).contains(t) else { return room }
            let voice = (1...20).reduce(0.0) { $0 + sin(2 * Double.pi * 130 * Double($1) * t) / Double($1) }
            return Float(voice * (0.6 + 0.4 * sin(2 * Double.pi * 4 * t)) * 0.1) + room
        }
        let file = "Recordings/01-first-90-days-take1.wav"
        try WAVBytes.float32(samples, sampleRate: UInt32(rate)).write(to: home.url(of: file))
        let old = try store.addTake(
            to: answer.id!, number: 1, file: file, recordedAt: Date(), sampleRate: rate, droppedFrames: 0,
            duration: 6, analysis: .success(analysis(pauses: [], duration: 6)))
        try store.databaseWriter.write { db in
            try db.execute(sql: "UPDATE take SET detectorVersion = 1, signalToNoise = NULL, backgroundSpeech = NULL")
        }
        #expect(try store.answers(in: "20261127-090000")[0].takes[0].detectorVersion == 1)

        let result = try store.reanalyse(home: home)
        #expect(result.updated == 1)
        #expect(result.failed.isEmpty)
        let take = try #require(try store.answers(in: "20261127-090000").first?.takes.first)
        #expect(take.id == old.id)
        #expect(take.detectorVersion == AnswerAnalysis.detectorVersion)
        #expect(take.reliability != nil)
        #expect(take.metrics?.pauseCount == 1)
        let pauses = try store.segments(of: take.id!).filter { $0.kind == .pause }
        #expect(pauses.count == 1)
        #expect(abs((pauses.first?.start ?? 0) - 2.5) < 0.05)
        // Up to date now: nothing left to do.
        #expect(try store.reanalyse(home: home).updated == 0)
    }

    /// `trustworthyOnly` leaves out answers recorded with other voices or in a very noisy room, and
    /// answers measured by an older detector are counted so reports can say so.
    @Test func reportsCanLeaveOutUnreliableAnswersAndCountOldOnes() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261127-090000", at: Date(), deck: nil)
        let verdicts = [
            Reliability(signalToNoise: 40, backgroundSpeech: false),
            Reliability(signalToNoise: 25, backgroundSpeech: true),
            Reliability(signalToNoise: 9, backgroundSpeech: false),
        ]
        for (position, verdict) in verdicts.enumerated() {
            let answer = try store.ask(
                Prompt(id: "p\(position)", text: "Question \(position)?", category: "x"), in: "20261127-090000")
            var result = analysis(pauses: [TimeSpan(start: 5, end: 6)])
            result.reliability = verdict
            _ = try store.addTake(
                to: answer.id!, number: 1, file: "p\(position).wav", recordedAt: Date(), sampleRate: 16_000,
                droppedFrames: 0, duration: 20, analysis: .success(result))
        }
        #expect(try store.sessionSummaries().first?.answers == 3)
        var trusted = ReportFilter()
        trusted.trustworthyOnly = true
        #expect(try store.sessionSummaries(trusted).first?.answers == 1)
        #expect(try store.latestAnalysedTakes(trusted).map(\.answer.promptId) == ["p0"])
        #expect(try store.answersWithCautions() == 2)
        #expect(try store.answersWithCautions(trusted) == 0)
        #expect(try store.answersMeasuredByOlderDetector() == 0)
        try store.databaseWriter.write {
            try $0.execute(sql: "UPDATE take SET detectorVersion = 1 WHERE file = 'p0.wav'")
        }
        #expect(try store.answersMeasuredByOlderDetector() == 1)
        #expect(try store.answersMeasuredByOlderDetector(trusted) == 1)
    }

    @Test func aFailedAnalysisStillKeepsTheTake() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261127-090000", at: Date(), deck: nil)
        let answer = try store.ask(prompt, in: "20261127-090000")
        let take = try store.addTake(
            to: answer.id!, number: 1, file: "x.wav", recordedAt: Date(), sampleRate: 16_000, droppedFrames: 3,
            duration: 4, analysis: .failure(StoreError("boom")))
        #expect(take.analysisError == "boom")
        #expect(take.metrics == nil)
        #expect(try store.recordedFiles() == ["x.wav"])
    }

    @Test func earlierTakesComeFromOtherSessionsOnly() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        for (index, id) in ["20261120-090000", "20261127-090000"].enumerated() {
            _ = try store.startSession(id: id, at: Date(timeIntervalSince1970: Double(index) * 1000), deck: nil)
            let answer = try store.ask(prompt, in: id)
            try store.addTake(
                to: answer.id!, number: 1, file: "\(id).wav",
                recordedAt: Date(timeIntervalSince1970: Double(index) * 1000),
                sampleRate: 16_000, droppedFrames: 0, duration: 20, analysis: .success(analysis(pauses: [])))
        }
        let earlier = try store.previousTakes(of: prompt.id, before: "20261127-090000")
        #expect(earlier.map(\.file) == ["20261120-090000.wav"])
        #expect(try store.promptHistory()[prompt.id]?.answers == 2)
    }

    @Test func notesAccumulateAndRatingsAreChecked() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261127-090000", at: Date(), deck: nil)
        let answer = try store.ask(prompt, in: "20261127-090000")
        try store.annotate(answer: answer.id!, note: "Froze at the start", rating: 2)
        try store.annotate(answer: answer.id!, note: "Better second half", rating: nil)
        let stored = try #require(try store.answer(in: "20261127-090000", at: 1))
        #expect(stored.note == "Froze at the start\nBetter second half")
        #expect(stored.rating == 2)
        #expect(throws: (any Error).self) { try store.annotate(answer: answer.id!, note: nil, rating: 9) }
    }

    @Test func deletingASessionRemovesItsAnswersAndTakes() throws {
        let store = try SessionStore(writer: DatabaseQueue())
        _ = try store.startSession(id: "20261127-090000", at: Date(), deck: nil)
        let answer = try store.ask(prompt, in: "20261127-090000")
        try store.addTake(
            to: answer.id!, number: 1, file: "a.wav", recordedAt: Date(), sampleRate: 16_000, droppedFrames: 0,
            duration: 3,
            analysis: .success(analysis(pauses: [TimeSpan(start: 1.2, end: 1.6)], duration: 3)))
        try store.deleteSession("20261127-090000")
        #expect(try store.sessions().isEmpty)
        #expect(try store.recordedFiles().isEmpty)
    }

    @Test func aCorruptDatabaseIsReportedAndLeftUntouched() throws {
        let scratch = try TemporaryFolder("rehearse-home")
        defer { withExtendedLifetime(scratch) {} }
        let home = PracticeHome(folder: scratch.url)
        try FileManager.default.createDirectory(at: home.recordings, withIntermediateDirectories: true)
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: home.database)
        #expect {
            try SessionStore(home: home)
        } throws: { error in
            (error as? StoreError)?.description.hasPrefix(
                "'\(home.database.path)' is damaged or not a rehearse database") == true
        }
        #expect(try Data(contentsOf: home.database) == garbage)
    }

    /// Two stores on one file (two `rehearse` processes) writing at the same time lose nothing.
    @Test func concurrentWritersOnOneFileLoseNothing() async throws {
        let scratch = try TemporaryFolder("rehearse-home")
        defer { withExtendedLifetime(scratch) {} }
        let home = PracticeHome(folder: scratch.url)
        let first = try SessionStore(home: home)
        let second = try SessionStore(home: home)
        _ = try first.startSession(id: "20261127-090000", at: Date(), deck: nil)
        let prompt = self.prompt
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second].enumerated() {
                group.addTask {
                    for number in 0..<50 {
                        let id = "2026112\(index)-0900\(String(format: "%02d", number))"
                        _ = try store.startSession(id: id, at: Date(), deck: nil)
                        _ = try store.ask(prompt, in: id)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try first.sessions().count == 101)
        #expect(try second.promptHistory()[prompt.id]?.answers == 100)
    }

    @Test func takeFileNamesRoundTrip() {
        let file = TakeFile(session: "20261127-091500", position: 3, promptId: "first-90-days", take: 2)
        #expect(file.relativePath == "Recordings/20261127-091500/03-first-90-days-take2.wav")
        #expect(TakeFile(relativePath: file.relativePath) == file)
        #expect(TakeFile(relativePath: "Recordings/holiday/song.wav") == nil)
        #expect(TakeFile(relativePath: "Recordings/20261127-091500/notes.wav") == nil)
    }

    @Test func unansweredPromptsComeFirstThenTheMostHesitant() {
        let prompts = ["a", "b", "c", "d"].map { Prompt(id: $0, text: $0, category: "x") }
        let history: [String: (answers: Int, meanPausesPerMinute: Double?)] = ["a": (2, 5), "b": (1, 12), "d": (1, 8)]
        var generator = RepeatableRandomNumberGenerator(seed: 7)
        let plan = PromptOrder.plan(prompts, history: history, count: 3, shuffle: false, using: &generator)
        #expect(plan.map(\.id) == ["c", "b", "d"])
        let shuffled = PromptOrder.plan(prompts, history: history, count: 10, shuffle: true, using: &generator)
        #expect(Set(shuffled.map(\.id)) == ["a", "b", "c", "d"])
        var again = RepeatableRandomNumberGenerator(seed: 7)
        _ = PromptOrder.plan(prompts, history: history, count: 3, shuffle: false, using: &again)
        #expect(
            PromptOrder.plan(prompts, history: history, count: 10, shuffle: true, using: &again).map(\.id)
                == shuffled.map(\.id))
    }
}
