import Analysis
import ArgumentParser
import AudioIO
import Foundation
import Sessions

struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Practise answering interview questions out loud (the main job).",
        discussion: """
            Each question is shown (and read aloud with --speak), you get time to think, then you \
            answer out loud while it records. Right after, you see how long you took to start, your \
            pauses and your speech rate, compared with your earlier answers to the same question. \
            Then: next question, record again (earlier takes are kept), play it back, add a note, \
            or quit. Everything is saved as you go; Ctrl-C at any moment keeps what was recorded.
            """
    )

    @OptionGroup var home: HomeOptions

    @Option(help: "Ask from this deck only (see 'rehearse prompts').")
    var deck: String?

    @Option(help: "How many questions to ask.")
    var count = 3

    @Flag(help: "Random order (default: questions you have not answered yet, then those you hesitated most on).")
    var shuffle = false

    @Option(help: "Seconds to think before recording starts (Enter starts at once). Default: the deck's, else 15.")
    var think: Double?

    @Option(help: "Longest answer, in seconds. Default: the deck's, else 120.")
    var limit: Double?

    @Flag(help: "Read each question aloud (espeak-ng), as an interviewer on the phone would.")
    var speak = false

    @Option(name: .customLong("input-device"), help: "Microphone: an index or part of a name from 'rehearse devices'.")
    var inputDevice: String?

    @Option(name: .customLong("output-device"), help: "Speaker for --speak and playback.")
    var outputDevice: String?

    @Option(help: "Recording sample rate in Hz.")
    var rate = 48_000

    @Flag(name: .customLong("non-interactive"), help: "For scripts: no keyboard; each answer records until --limit, then the next question.")
    var nonInteractive = false

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1") }
        if let think, think < 0 { throw ValidationError("--think must be zero or more seconds") }
        if let limit, !(limit > 0) { throw ValidationError("--limit must be a positive number of seconds") }
    }

    func run() throws {
        try reportingErrors {
            let decks = home.loadDecks()
            let chosen = deck.map { name in decks.filter { $0.name == name } } ?? decks
            guard !chosen.isEmpty else {
                fail(deck.map { "no deck named '\($0)' in \(home.home.prompts.path) (see 'rehearse prompts')" }
                    ?? "no decks found in \(home.home.prompts.path)")
            }
            let store = try home.openStore(decks: decks)
            var random = SystemRandomNumberGenerator()
            let plan = PromptOrder.plan(chosen.flatMap(\.prompts), history: try store.promptHistory(), count: count, shuffle: shuffle, using: &random)
            let stop = StopRequest()
            stop.watchSignals()
            let flow = PracticeFlow(command: self, store: store, stop: stop)
            try flow.run(plan)
        }
    }
}

/// One practice session, question by question.
private struct PracticeFlow {
    let command: PracticeCommand
    let store: SessionStore
    let stop: StopRequest
    let interactive: Bool

    init(command: PracticeCommand, store: SessionStore, stop: StopRequest) {
        self.command = command
        self.store = store
        self.stop = stop
        interactive = !command.nonInteractive
    }

    var home: PracticeHome { command.home.home }

    func run(_ plan: [Prompt]) throws {
        let started = Date()
        let session = SessionID.make(at: started)
        try FileManager.default.createDirectory(at: home.recordings.appendingPathComponent(session), withIntermediateDirectories: true)
        _ = try store.startSession(id: session, at: started, deck: command.deck)
        print("Practice session \(session): \(plan.count) question\(plan.count == 1 ? "" : "s"). Ctrl-C ends it at any time; nothing is lost.")
        var answered = 0
        questions: for (index, prompt) in plan.enumerated() {
            guard !stop.isRequested else { break }
            let answer = try store.ask(prompt, in: session)
            print("\nQuestion \(index + 1) of \(plan.count) · \(prompt.category)")
            print("  " + Console.bold(prompt.text))
            if command.speak { speak(prompt.text) }
            guard thinkTime(command.think ?? prompt.thinkTime ?? 15) else { break }
            var takeNumber = 1
            var previous: Take?
            takes: while true {
                let take = try record(prompt: prompt, answer: answer, session: session, take: takeNumber)
                answered += takeNumber == 1 ? 1 : 0
                try showResult(take, previousTake: previous, prompt: prompt, session: session)
                previous = take
                if stop.isRequested { break questions }
                guard interactive else { break takes }
                switch menu(for: take) {
                case .next: break takes
                case .again: takeNumber += 1
                case .quit: break questions
                }
            }
        }
        Console.endStatus()
        guard answered > 0 else {
            // Nothing was recorded: leave no empty session behind.
            try store.deleteSession(session)
            try? FileManager.default.removeItem(at: home.recordings.appendingPathComponent(session))
            print("\nNothing was recorded, so no session was saved.")
            return
        }
        print("\nSession \(session) saved: \(answered) answer\(answered == 1 ? "" : "s"). Review it with: rehearse show \(session)")
    }

    /// Counts the think time down; Enter starts at once. False when the user asked to stop.
    private func thinkTime(_ seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if stop.isRequested { return false }
            let left = end.timeIntervalSinceNow
            Console.status("  Think… \(Int(left.rounded(.up))) s" + (interactive ? "  (Enter to start now)" : ""))
            if interactive {
                if Keyboard.shared.next(timeout: min(0.2, max(0.01, left))) != nil { break }
            } else {
                Thread.sleep(forTimeInterval: min(0.2, max(0.01, left)))
            }
        }
        Console.endStatus()
        return !stop.isRequested
    }

    /// Records one take and stores it with its analysis.
    private func record(prompt: Prompt, answer: Answer, session: String, take: Int) throws -> Take {
        let file = TakeFile(session: session, position: answer.position, promptId: prompt.id, take: take)
        let path = home.url(of: file.relativePath).path
        let limit = command.limit ?? prompt.answerLimit ?? 120
        let recorder = try Recorder(options: RecordingOptions(
            path: path, preferredSampleRate: command.rate, device: command.inputDevice.map(DeviceSelector.init), maximumDuration: limit))
        let recordedAt = Date()
        Keyboard.shared.discardPending()
        try recorder.start()
        print(interactive ? "  Recording — answer now. Enter when you are done." : "  Recording — answer now.")
        let summary: RecordingSummary
        do {
            summary = try runRecording(recorder, stop: stop, stopsOnEnter: interactive) { recorder in
                "  ● \(clock(recorder.elapsed)) / \(clock(limit))  \(bar((recorder.level.peakDBFS + 60) / 60, width: 20))"
            }
        } catch {
            Console.note("rehearse: " + Console.red("error: ") + "\(error.description); what was recorded before is kept")
            throw ExitCode.failure
        }
        if summary.droppedFrames > 0 { Console.note("warning: \(summary.droppedFrames) frames were lost while recording") }
        let analysis = Result<AnswerAnalysis, any Error> { try RecordingAnalysis.analyze(file: path) }
        return try store.addTake(to: answer.id!, number: take, file: file.relativePath, recordedAt: recordedAt,
                                 sampleRate: summary.sampleRate, droppedFrames: summary.droppedFrames, duration: summary.duration, analysis: analysis)
    }

    private func showResult(_ take: Take, previousTake: Take?, prompt: Prompt, session: String) throws {
        print("  This take:  " + TakeSummary.line(take))
        if let previousTake {
            print("  Against your previous take:  " + TakeSummary.comparison(take, with: previousTake))
        }
        let earlier = try store.previousTakes(of: prompt.id, before: session)
        if let last = earlier.last {
            print("  Last time (\(TakeSummary.date(last.recordedAt))):  " + TakeSummary.line(last))
            print("  Compared with then:  " + TakeSummary.comparison(take, with: last))
        } else if take.number == 1 {
            print("  First time you answer this one: next time you will see how you compare.")
        }
    }

    private enum Choice { case next, again, quit }

    private func menu(for take: Take) -> Choice {
        while true {
            Console.ask("  [n]ext  [r]ecord again  [p]lay back  [a]dd a note  [q]uit > ")
            var line: String?
            while line == nil {
                if stop.isRequested { return .quit }
                line = Keyboard.shared.next(timeout: 0.2)
                if line == nil && Keyboard.shared.isClosed { return .quit }
            }
            switch line!.trimmingCharacters(in: .whitespaces).lowercased() {
            case "", "n", "next": return .next
            case "r", "again": return .again
            case "q", "quit": return .quit
            case "p", "play": play(take)
            case "a", "note": addNote(to: take)
            default: print("  Type n, r, p, a or q, then Enter.")
            }
        }
    }

    private func play(_ take: Take) {
        do {
            let player = try Player(options: PlaybackOptions(path: home.url(of: take.file).path, device: command.outputDevice.map(DeviceSelector.init)))
            _ = try player.play(progress: { Console.status("  ▶ \(clock($0)) / \(clock(player.duration))") }, shouldStop: { stop.isRequested || Keyboard.shared.poll() != nil })
            Console.endStatus()
        } catch {
            Console.note("rehearse: cannot play: \(error)")
        }
    }

    private func addNote(to take: Take) {
        Console.ask("  Note (one line): ")
        guard let text = Keyboard.shared.next() else { return }
        Console.ask("  Confidence 1–5 (Enter to skip): ")
        let rating = Keyboard.shared.next().flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { (1...5).contains($0) ? $0 : nil }
        do {
            try store.annotate(answer: take.answerId, note: text.isEmpty ? nil : text, rating: rating)
            print("  Saved.")
        } catch {
            Console.note("rehearse: cannot save the note: \(error)")
        }
    }

    private func speak(_ text: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rehearse-prompt-\(getpid()).wav").path
        defer { unlink(file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["espeak-ng", "-w", file, text]
        do {
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
            let player = try Player(options: PlaybackOptions(path: file, device: command.outputDevice.map(DeviceSelector.init)))
            _ = try player.play(shouldStop: { stop.isRequested })
        } catch {
            Console.note("warning: cannot read the question aloud (is espeak-ng installed?): \(error)")
        }
    }
}
