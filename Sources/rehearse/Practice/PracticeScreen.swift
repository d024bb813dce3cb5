import AudioIO
import Foundation
import Reports
import Sessions

/// The terminal side of a practice session: shows each question, counts the think time down,
/// records through `LiveRecorder`, shows the result and the menu. The rules live in `PracticeRun`.
struct PracticeScreen {
    let command: PracticeCommand
    let session: PracticeRun
    let stop: StopRequest

    private var interactive: Bool { !command.nonInteractive }

    func run(_ plan: [Prompt]) throws {
        print(
            "Practice session \(session.id): \(plan.count) question\(plan.count == 1 ? "" : "s"). Ctrl-C ends it at any time; nothing is lost."
        )
        let recorder = LiveRecorder(
            device: command.audio.inputDevice, rate: command.audio.rate, stop: stop, stopsOnEnter: interactive)
        let saved = try session.sitting(nothingSaved: "Nothing was recorded, so no session was saved.") {
            questions: for (index, prompt) in plan.enumerated() {
                guard !stop.isRequested else { break }
                let answer = try session.ask(prompt)
                print("\nQuestion \(index + 1) of \(plan.count) · \(Console.printable(prompt.category))")
                for line in TextWrap.lines(Console.printable(prompt.text), width: Console.width, prefix: "  ") {
                    print(Console.bold(line))
                }
                if command.speak || command.phone { speak(prompt.text) }
                guard thinkTime(PracticeRun.thinkTime(for: prompt, requested: command.think?.value)) else { break }
                let limit = PracticeRun.answerLimit(for: prompt, requested: command.limit?.value)
                takes: while true {
                    let take = try session.recordTakeKeepingAudio(
                        of: answer, prompt: prompt, limit: limit, with: recorder)
                    show(take)
                    if stop.isRequested { break questions }
                    guard interactive else { break takes }
                    switch menu(for: take.filed.take) {
                    case .next: break takes
                    case .again: continue takes
                    case .quit: break questions
                    }
                }
            }
        }
        guard saved else { return }
        let answered = session.answersRecorded
        print(
            "\nSession \(session.id) saved: \(answered) answer\(answered == 1 ? "" : "s"). Review it with: rehearse show \(session.id)"
        )
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

    private func show(_ result: PracticeTake) {
        let take = result.filed.take
        for warning in result.filed.warnings { Console.note("warning: \(warning)") }
        func say(_ prefix: String, _ text: String) {
            for line in TextWrap.lines(text, width: Console.width, prefix: prefix) { print(line) }
        }
        say("  This take:  ", TakeSummary.line(take))
        if let previous = result.previousTake {
            say("  Against your previous take:  ", TakeSummary.comparison(take, with: previous))
        }
        if let last = result.lastTime {
            say("  Last time (\(TakeSummary.date(last.recordedAt))):  ", TakeSummary.line(last))
            say("  Compared with then:  ", TakeSummary.comparison(take, with: last))
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
            let player = try Player(
                options: PlaybackOptions(path: session.home.url(of: take.file).path, device: command.audio.outputDevice)
            )
            _ = try player.play(
                progress: { Console.status("  ▶ \(clock($0)) / \(clock(player.duration))") },
                shouldStop: { stop.isRequested || Keyboard.shared.poll() != nil })
            Console.endStatus()
        } catch {
            Console.note("rehearse: cannot play: \(error)")
        }
    }

    private func addNote(to take: Take) {
        Console.ask("  Note (one line): ")
        guard let text = Keyboard.shared.next() else { return }
        Console.ask("  Confidence 1–5 (Enter to skip): ")
        let rating = Keyboard.shared.next().flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap {
            (1...5).contains($0) ? $0 : nil
        }
        do {
            try session.store.annotate(answer: take.answerId, note: text.isEmpty ? nil : text, rating: rating)
            print("  Saved.")
        } catch {
            Console.note("rehearse: cannot save the note: \(error)")
        }
    }

    /// Reads the question aloud (through a phone line with --phone).
    private func speak(_ text: String) {
        do {
            try Interviewer(throughPhone: command.phone, device: command.audio.outputDevice).say(text) {
                stop.isRequested
            }
        } catch {
            Console.note("warning: cannot read the question aloud (is espeak-ng installed?): \(error)")
        }
    }
}
