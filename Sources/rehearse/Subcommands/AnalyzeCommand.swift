import Analysis
import ArgumentParser
import AudioIO
import Foundation
import Reports
import Sessions
import FileAnalysis

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure pauses, response latency and speech rate in recorded answers.",
        usage:
            "rehearse analyze <files> ... [--min-pause <seconds>] [--no-fillers]\n"
            + "  [--filler-steadiness <dB>] [--freeze-threshold <seconds>]\n"
            + "  [--format <format>] [--raw-csv] [--textgrid <folder>]",
        discussion: """
            Prints a table and a speech/pause timeline per file, or JSON / CSV for other tools \
            (the JSON format is described in the README). Several files are analysed in parallel.
            """
    )

    @Option(name: .customLong("min-pause"), help: "Shortest silence, in seconds, that counts as a pause.")
    var minimumPause = 0.25

    @OptionGroup var fillers: FilledPauseOptions

    @Option(
        name: .customLong("freeze-threshold"),
        help: "Seconds of hesitation (pauses and um/uh close together) that make a freeze.")
    var freezeThreshold = AnalysisSettings().freezeThreshold

    @Argument(
        help: "Audio files (WAV, FLAC, OGG, MP3, AIFF; M4A, AMR, WebM, MP4 with FFmpeg).",
        completion: .audioFiles)
    var files: [String]

    @OptionGroup var output: FormatOptions

    @OptionGroup var rawCSV: RawCSVOption

    @Option(name: .customLong("textgrid"), help: "Also write a Praat TextGrid per file into this folder.")
    var textGridFolder: String?

    func validate() throws {
        _ = try output.resolved(default: .table)
        if !(minimumPause.isFinite && minimumPause > 0 && minimumPause <= 10) {
            throw ValidationError("--min-pause must be between 0 and 10 seconds")
        }
        if !(freezeThreshold.isFinite && freezeThreshold >= minimumPause && freezeThreshold <= 60) {
            throw ValidationError("--freeze-threshold must be between --min-pause and 60 seconds")
        }
    }

    func run() throws {
        let format = try output.resolved(default: .table)
        if let textGridFolder {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: textGridFolder, isDirectory: &isFolder), isFolder.boolValue
            else {
                throw CommandFailure("TextGrid folder '\(textGridFolder)' does not exist")
            }
        }
        let settings = AnalysisSettings(
            minimumPause: minimumPause, filledPauseStability: fillers.stability,
            freezeThreshold: freezeThreshold)
        let outcomes = RecordingAnalysis.analyzeAll(files, settings: settings) { done in
            if files.count > 1 { Console.status("analysed \(done) of \(files.count) files") }
        }
        Console.endStatus()

        var analysed: [(file: String, analysis: AnswerAnalysis)] = []
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case .success(let analysis):
                analysed.append((file, analysis))
                for warning in RecordingAnalysis.warnings(for: analysis) {
                    Console.note("warning: \(file): \(warning)")
                }
            case .failure(let error):
                printError(error.description)
            }
        }
        if let textGridFolder {
            for (file, analysis) in analysed {
                let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".TextGrid"
                let path = URL(fileURLWithPath: textGridFolder).appendingPathComponent(name).path
                do {
                    try FileOutput.write(TextGrid(analysis).text, to: path)
                } catch {
                    printError(userFacingMessage(error) ?? "\(error)")
                }
            }
        }
        switch format {
        case .json: print(AnswerJSON.encode(analysed, asArray: files.count > 1))
        case .csv: print(AnswerCSV.encode(analysed, rawText: rawCSV.rawCsv), terminator: "")
        case .table:
            for (file, analysis) in analysed { print(AnswerTable.render(file: file, analysis, width: Console.width)) }
        }
        if analysed.count < files.count { throw ExitCode.failure }
    }
}
