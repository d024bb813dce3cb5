import AudioIO
import Foundation
import Reports
import Sessions
import Signal

/// The terminal side of a mock interview: the interviewer greets, asks each question through the
/// phone line and waits for the answer to end (`InterviewRecorder`); then the debrief.
struct InterviewScreen {
    let command: InterviewCommand
    let session: PracticeRun
    let interviewer: Interviewer
    let stop: StopRequest

    private var interactive: Bool { !command.nonInteractive }

    static let greeting = "Hello, and thank you for taking the time to talk to me today. Let's get started."
    static let acknowledgements = ["Thank you.", "Okay.", "Great, thanks.", "I see.", "Alright."]
    static let closing = "That's all my questions for today. Thank you for your time."

    func run(_ plan: InterviewPlan) throws {
        let introduction =
            "Mock interview \(session.id): \(plan.questions.count) questions, through a phone line. "
            + "Answer out loud; \(command.endSilence.defaultValueDescription) s of silence "
            + "ends an answer\(interactive ? " (or Enter)" : ""). Ctrl-C ends the interview; nothing is lost."
        for line in TextWrap.lines(introduction, width: Console.width) { print(line) }
        let recorder = InterviewRecorder(
            device: command.audio.inputDevice, rate: command.audio.rate, stop: stop, stopsOnEnter: interactive,
            endSilence: command.endSilence.value, promptAfter: command.promptAfter.value, interviewer: interviewer)
        var random = SystemRandomNumberGenerator()
        let saved = try session.sitting(nothingSaved: "Nothing was recorded, so no interview was saved.") {
            say(Self.greeting)
            for (index, question) in plan.questions.enumerated() {
                guard !stop.isRequested else { break }
                if index > 0 { say(Self.acknowledgements.randomElement(using: &random)!) }
                let answer = try session.ask(question.prompt)
                print("\nQuestion \(index + 1) of \(plan.questions.count)")
                if command.showText {
                    for line in TextWrap.lines(
                        Console.printable(question.prompt.text), width: Console.width, prefix: "  ")
                    {
                        print(Console.bold(line))
                    }
                }
                say(question.prompt.text)
                guard !stop.isRequested else { break }
                let take = try session.recordTakeKeepingAudio(
                    of: answer, prompt: question.prompt, limit: command.limit.value, with: recorder)
                print(String(format: "  Answer recorded (%.0f s).", take.filed.take.duration))
                for warning in take.filed.warnings { Console.note("warning: \(warning)") }
            }
            if !stop.isRequested { say(Self.closing) }
        }
        guard saved else { return }
        let debrief = try InterviewDebrief(store: session.store, session: session.id)
        print("\n" + debrief.text(width: Console.width))
        if interactive, let worst = debrief.worstMoment, !stop.isRequested {
            Console.ask("  Press p and Enter to hear that moment as they heard it, Enter to finish > ")
            if Keyboard.shared.next()?.trimmingCharacters(in: .whitespaces).lowercased() == "p" {
                replay(worst)
            }
        }
    }

    /// The interviewer speaks; a failure to speak ends nothing (the text can still be shown).
    private func say(_ text: String) {
        Console.status("  (the interviewer is speaking)")
        do {
            try interviewer.say(text) { stop.isRequested }
        } catch {
            Console.endStatus()
            Console.note("warning: the interviewer cannot speak (is espeak-ng installed?): \(error)")
            if !command.showText { print("  " + text) }
        }
        Console.endStatus()
    }

    /// Plays ten seconds from just before `moment`, through the phone line.
    private func replay(_ moment: InterviewDebrief.Moment) {
        do {
            let path = session.home.url(of: moment.take.file).path
            let start = max(0, moment.span.start - 1.5)
            let reader = try PlaybackOptions(path: path, startTime: start).openReader()
            var played = 0.0
            _ = try Player(source: PhoneLine(reader), device: command.audio.outputDevice).play(
                progress: {
                    played = $0
                    Console.status("  ▶ \(clock(start + $0))")
                },
                shouldStop: { played >= 10 || stop.isRequested })
            Console.endStatus()
        } catch {
            Console.note("rehearse: cannot play: \(error)")
        }
    }
}
