import ArgumentParser
import AudioIO

extension DeviceSelector: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--input-device`, `--output-device` and `--rate`, for commands that both record and play.
struct AudioOptions: ParsableArguments {
    @Option(help: "Microphone: an index or part of a name from 'rehearse devices'.")
    var inputDevice: DeviceSelector?

    @Option(help: "Speaker for --speak and playback.")
    var outputDevice: DeviceSelector?

    @Option(help: "Recording sample rate in Hz.")
    var rate = 48_000

    func validate() throws {
        if !(8_000...384_000).contains(rate) { throw ValidationError("--rate must be between 8000 and 384000 Hz") }
    }
}

extension CompletionKind {
    /// Audio files the reader opens, for shell completion.
    static let audioFiles = CompletionKind.file(extensions: [
        "wav", "flac", "ogg", "oga", "opus", "mp3", "aiff", "aif", "caf", "au",
    ])
}
