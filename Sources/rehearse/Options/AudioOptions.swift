import ArgumentParser
import AudioIO

extension DeviceSelector: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--input-device` and `--output-device`, for commands that both record and play.
struct AudioOptions: ParsableArguments {
    @Option(help: "Microphone: an index or part of a name from 'rehearse devices'.")
    var inputDevice: DeviceSelector?

    @Option(help: "Speaker for --speak and playback.")
    var outputDevice: DeviceSelector?
}

extension CompletionKind {
    /// Audio files the reader opens, for shell completion.
    static let audioFiles = CompletionKind.file(extensions: [
        "wav", "flac", "ogg", "oga", "opus", "mp3", "aiff", "aif", "caf", "au",
    ])
}
