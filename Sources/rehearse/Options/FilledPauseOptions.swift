import Analysis
import ArgumentParser

/// `--no-fillers` and `--filler-steadiness`: whether, and how strictly, filled pauses ("uh", "um")
/// are looked for. Shared by every command that measures answers.
struct FilledPauseOptions: ParsableArguments {
    @Flag(name: .customLong("no-fillers"), help: "Do not look for filled pauses (\"uh\", \"um\").")
    var noFillers = false

    @Option(
        name: .customLong("filler-steadiness"),
        help: "How steady, in dB per 20 ms, a held vowel must be to count as a filled pause (lower finds fewer).")
    var steadiness = AnalysisSettings.defaultFilledPauseStability

    func validate() throws {
        if !(steadiness.isFinite && steadiness > 0 && steadiness <= 30) {
            throw ValidationError("--filler-steadiness must be between 0 and 30 dB")
        }
    }

    /// The detector's threshold, nil when filled pauses are not looked for.
    var stability: Double? { noFillers ? nil : steadiness }

    /// The analysis settings of a stored answer: the defaults, with these filled-pause choices.
    var settings: AnalysisSettings { AnalysisSettings(filledPauseStability: stability) }
}
