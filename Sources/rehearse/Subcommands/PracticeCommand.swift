import ArgumentParser
import AudioIO
import Foundation
import Reports
import Sessions

struct PracticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "practice",
        abstract: "Practise answering interview questions out loud (the main job).",
        usage:
            "rehearse practice [--deck <deck>] [--count <count>] [--shuffle]\n  [--think <seconds>] [--limit <seconds>] [--speak] [--phone]\n  [--no-fillers] [--filler-steadiness <dB>] [--non-interactive]\n  [--input-device <device>] [--output-device <device>] [--rate <hz>]\n  [--home <home>]",
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
    var think: Seconds?

    @Option(help: "Longest answer, in seconds. Default: the deck's, else 120.")
    var limit: Seconds?

    @Flag(help: "Read each question aloud (espeak-ng), as an interviewer on the phone would.")
    var speak = false

    @Flag(help: "Read each question aloud through a phone line (300-3400 Hz, 8-bit mu-law); implies --speak.")
    var phone = false

    @OptionGroup var fillers: FilledPauseOptions

    @OptionGroup var audio: AudioOptions

    @Flag(
        name: .customLong("non-interactive"),
        help: "For scripts: no keyboard; each answer records until --limit, then the next question.")
    var nonInteractive = false

    func validate() throws {
        if count < 1 { throw ValidationError("--count must be at least 1") }
        if let think { try think.validate(option: "--think", allowsZero: true) }
        if let limit { try limit.validate(option: "--limit", allowsZero: false) }
    }

    func run() throws {
        let decks = home.loadDecks()
        let chosen = deck.map { name in decks.filter { $0.name == name } } ?? decks
        guard !chosen.isEmpty else {
            throw CommandFailure(
                deck.map { "no deck named '\($0)' in \(home.practiceHome.prompts.path) (see 'rehearse prompts')" }
                    ?? "no decks found in \(home.practiceHome.prompts.path)")
        }
        // No microphone: say so now, not after a question and its think time.
        _ = try AudioDevices.resolve(audio.inputDevice, for: .input)
        let store = try home.openStore(decks: decks)
        var random = SystemRandomNumberGenerator()
        let plan = PromptOrder.plan(
            chosen.flatMap(\.prompts), history: try store.promptHistory(), count: count, shuffle: shuffle,
            using: &random)
        let stop = StopRequest()
        stop.watchSignals()
        let session = try PracticeRun(
            store: store, home: home.practiceHome, deck: deck, settings: fillers.settings)
        try PracticeScreen(command: self, session: session, stop: stop).run(plan)
    }
}

/// The microphone, recording one answer with a live level meter until the limit, Ctrl-C or Enter.
struct LiveRecorder: AnswerRecorder {
    let device: DeviceSelector?
    let rate: Int
    let stop: StopRequest
    let stopsOnEnter: Bool

    func record(to path: String, limit: Double) throws -> RecordingSummary {
        let recorder = try Recorder(
            options: RecordingOptions(path: path, preferredSampleRate: rate, device: device, maximumDuration: limit))
        Keyboard.shared.discardPending()
        try recorder.start()
        print(stopsOnEnter ? "  Recording — answer now. Enter when you are done." : "  Recording — answer now.")
        return try runRecording(recorder, stop: stop, stopsOnEnter: stopsOnEnter) { recorder in
            "  ● \(clock(recorder.elapsed)) / \(clock(limit))  \(bar((recorder.level.peakDBFS + 60) / 60, width: 20))"
        }
    }
}
