import ArgumentParser
import AudioIO
import Foundation
import Sessions

struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview",
        abstract: "A mock phone interview: questions heard through a phone line, answers back to back, a debrief.",
        usage:
            "rehearse interview [--questions <n>] [--end-silence <seconds>]\n  [--prompt-after <seconds>] [--limit <seconds>] [--show-text]\n  [--no-phone] [--no-fillers] [--filler-steadiness <dB>]\n  [--non-interactive]\n  [--input-device <device>] [--output-device <device>]\n  [--rate <hz>] [--home <home>]",
        discussion: """
            The interviewer (a different voice each time) greets you and asks the questions through \
            a phone line, with no text on screen, as on a real call. Answer out loud; when you have \
            finished and stay silent for --end-silence seconds, the next question comes (Enter also \
            ends an answer). A long silence before your first word is left alone: that is the freeze \
            you are rehearsing; after --prompt-after seconds the interviewer may say "Take your \
            time." once. One curveball comes, unannounced, in the second half, and sometimes a \
            follow-up. Every answer is saved as you go; Ctrl-C ends the interview and keeps them. \
            Afterwards: a debrief (also 'rehearse show SESSION').
            """
    )

    @OptionGroup var home: HomeOptions

    @Option(name: .customLong("questions"), help: "How many questions (a follow-up may come on top).")
    var count = 6

    @Option(help: "Seconds of silence after you speak that end your answer.")
    var endSilence: Seconds = Seconds(2.5)

    @Option(help: "Seconds of silence before your first word after which the interviewer may reassure you.")
    var promptAfter: Seconds = Seconds(8)

    @Option(help: "Longest answer, in seconds.")
    var limit: Seconds = Seconds(120)

    @Flag(help: "Show each question's text too (there is none on a real phone call).")
    var showText = false

    @Flag(name: .customLong("no-phone"), help: "Hear the interviewer directly, not through a phone line.")
    var noPhone = false

    @OptionGroup var fillers: FilledPauseOptions

    @OptionGroup var audio: AudioOptions

    @Flag(
        name: .customLong("non-interactive"),
        help: "For scripts: no keyboard; answers end by silence or --limit, and the debrief offers nothing.")
    var nonInteractive = false

    func validate() throws {
        if !(2...30).contains(count) { throw ValidationError("--questions must be between 2 and 30") }
        try endSilence.validate(option: "--end-silence", allowsZero: false)
        try promptAfter.validate(option: "--prompt-after", allowsZero: false)
        try limit.validate(option: "--limit", allowsZero: false)
    }

    func run() throws {
        let decks = home.loadDecks()
        let prompts = decks.flatMap(\.prompts)
        guard prompts.contains(where: { $0.category != "curveball" }) else {
            throw CommandFailure("no questions found in \(home.practiceHome.prompts.path) (see 'rehearse prompts')")
        }
        // No microphone or speaker: say so now, not after the greeting.
        _ = try AudioDevices.resolve(audio.inputDevice, for: .input)
        _ = try AudioDevices.resolve(audio.outputDevice, for: .output)
        let store = try home.openStore(decks: decks)
        var random = SystemRandomNumberGenerator()
        let plan = InterviewPlan(from: prompts, count: count, using: &random)
        let interviewer = Interviewer.random(throughPhone: !noPhone, device: audio.outputDevice, using: &random)
        let stop = StopRequest()
        stop.watchSignals()
        let session = try PracticeRun(
            store: store, home: home.practiceHome, deck: nil, kind: .interview, settings: fillers.settings)
        try InterviewScreen(command: self, session: session, interviewer: interviewer, stop: stop).run(plan)
    }
}
