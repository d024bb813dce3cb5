import ArgumentParser
import AudioIO
import Foundation
import Sessions
import Signal

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Listen to an answer, or to any audio file.",
        usage:
            "rehearse play <file> [--from <seconds>] [--phone]\n  [--output-device <device>]\nrehearse play <session> <answer> [--take <take>] [--pause <pause>]\n  [--filler <filler>] [--freeze <freeze>] [--from <seconds>] [--phone]\n  [--output-device <device>] [--home <home>]",
        discussion: """
            rehearse play SESSION ANSWER   plays an answer from a session ('last' for the latest session); \
            --pause K starts just before its K-th pause, --filler K before its K-th filled pause ("um", "uh"), \
            --freeze K before its K-th freeze. \
            'rehearse play last' plays the last answer you recorded.
            rehearse play FILE             plays WAV, FLAC, OGG, MP3, M4A….
            --phone plays it as a phone call carries it (300-3400 Hz, 8-bit mu-law, a little hiss): \
            hear yourself as an interviewer on the phone hears you.
            Ctrl-C stops playback.
            """
    )

    @OptionGroup var home: HomeOptions

    @Argument(help: "FILE, or SESSION ANSWER.", completion: .audioFiles)
    var target: [String]

    @Option(help: "Which take of the answer (default: the latest).")
    var take: Int?

    @Option(help: "Start 1.5 s before the answer's K-th pause.")
    var pause: Int?

    @Option(help: "Start 1.5 s before the answer's K-th filled pause (\"um\", \"uh\").")
    var filler: Int?

    @Option(help: "Start 1.5 s before the answer's K-th freeze.")
    var freeze: Int?

    @Option(help: "Start this many seconds in.")
    var from: Double = 0

    @Flag(help: "Hear it through a phone line: 300-3400 Hz, 8-bit mu-law, a little hiss.")
    var phone = false

    @Option(help: "Speaker to use: an index or part of a name from 'rehearse devices'.")
    var outputDevice: DeviceSelector?

    func validate() throws {
        if !(1...2).contains(target.count) { throw ValidationError("give a FILE, or a SESSION and an ANSWER number") }
        if !(from.isFinite && from >= 0 && from <= Seconds.maximum) {
            throw ValidationError(
                "--from must be zero or a positive number of seconds, at most \(Int(Seconds.maximum))")
        }
        if target.count == 1 && (take != nil || pause != nil || filler != nil || freeze != nil) {
            throw ValidationError("--take, --pause, --filler and --freeze need SESSION ANSWER")
        }
        if [pause, filler, freeze].compactMap({ $0 }).count > 1 {
            throw ValidationError("give one of --pause, --filler and --freeze")
        }
    }

    func run() throws {
        let (path, start) = try resolve()
        let stop = StopRequest()
        stop.watchSignals()
        let reader = try PlaybackOptions(path: path, startTime: start).openReader()
        let total = reader.duration
        if phone {
            try play(Player(source: PhoneLine(reader), device: outputDevice, startTime: start), path, total, stop)
        } else {
            try play(Player(source: reader, device: outputDevice, startTime: start), path, total, stop)
        }
    }

    private func play<Source: SampleSource & ~Copyable>(
        _ player: Player<Source>, _ path: String, _ total: Double, _ stop: StopRequest
    ) throws {
        let line = phone ? " through a phone line" : ""
        Console.note("Playing \(path) (\(clock(total)))\(line) on '\(player.device.name)'. Ctrl-C stops.")
        let outcome = try player.play(
            progress: { position in
                Console.status("▶ \(clock(position)) / \(clock(total))  \(bar(position / total, width: 30))")
            },
            shouldStop: { stop.isRequested }
        )
        Console.endStatus()
        if case .stopped(let position) = outcome {
            Console.note("Stopped at \(clock(position)).")
        }
    }

    /// The file to play and where to start.
    private func resolve() throws -> (String, Double) {
        // `play last` alone (and no file of that name): the last answer of the latest session.
        let lastAnswer = target == ["last"] && !FileManager.default.fileExists(atPath: "last")
        guard target.count == 2 || lastAnswer else { return (target[0], from) }
        let store = try home.openStore(readOnly: true)
        guard let session = try store.session(named: target[0])?.id else {
            throw CommandFailure("no session '\(target[0])' (see 'rehearse sessions')")
        }
        let answers = try store.answers(in: session)
        guard let number = lastAnswer ? answers.last(where: { !$0.takes.isEmpty })?.answer.position : Int(target[1])
        else {
            throw CommandFailure(
                lastAnswer
                    ? "the latest session has no recorded answer"
                    : "ANSWER must be a number (see 'rehearse show \(target[0])')")
        }
        guard let entry = answers.first(where: { $0.answer.position == number }) else {
            throw CommandFailure("session '\(target[0])' has no answer \(number) (see 'rehearse show \(target[0])')")
        }
        guard let chosen = take.map({ n in entry.takes.first { $0.number == n } }) ?? entry.takes.last else {
            throw CommandFailure(
                take.map { "answer \(number) has no take \($0)" } ?? "answer \(number) was never recorded")
        }
        var start = from
        for (wanted, kind, name) in [
            (pause, Segment.Kind.pause, "pause"), (filler, .filledPause, "filled pause"), (freeze, .freeze, "freeze"),
        ] {
            guard let wanted else { continue }
            let marks = try store.segments(of: chosen.id!).filter { $0.kind == kind }
            guard marks.indices.contains(wanted - 1) else {
                if (kind == .filledPause && chosen.metrics?.filledPauseCount == nil)
                    || (kind == .freeze && chosen.metrics?.freezeCount == nil)
                {
                    throw CommandFailure(
                        "take \(chosen.number) of answer \(number) was measured before \(name)s were looked for; "
                            + "run 'rehearse doctor --reanalyse'")
                }
                throw CommandFailure(
                    "take \(chosen.number) of answer \(number) has \(marks.count) \(name)\(marks.count == 1 ? "" : "s")"
                )
            }
            start = max(0, marks[wanted - 1].start - 1.5)
        }
        return (home.practiceHome.url(of: chosen.file).path, start)
    }
}
