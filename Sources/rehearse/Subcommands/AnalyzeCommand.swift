import Analysis
import ArgumentParser
import AudioIO
import Foundation
import Reports
import Sessions

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Measure pauses, response latency and speech rate in recorded answers.",
        discussion: """
            Prints a table and a speech/pause timeline per file, or JSON / CSV for other tools \
            (the JSON format is described in the README). Several files are analysed in parallel.
            """
    )

    @Argument(help: "Audio files (WAV, FLAC, OGG, AIFF…).")
    var files: [String]

    @Option(name: .customLong("min-pause"), help: "Shortest silence, in seconds, that counts as a pause.")
    var minimumPause = 0.25

    @Flag(help: "Print JSON: an object for one file, an array for several.")
    var json = false

    @Flag(help: "Print CSV: one row per file.")
    var csv = false

    @Option(name: .customLong("textgrid"), help: "Also write a Praat TextGrid per file into this folder.")
    var textGridFolder: String?

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if !(minimumPause > 0 && minimumPause <= 10) { throw ValidationError("--min-pause must be between 0 and 10 seconds") }
    }

    func run() throws {
        if let textGridFolder {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: textGridFolder, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandFailure("TextGrid folder '\(textGridFolder)' does not exist")
            }
        }
        let settings = AnalysisSettings(minimumPause: minimumPause)
        let outcomes = RecordingAnalysis.analyzeAll(files, settings: settings) { done in
            if files.count > 1 { Console.status("analysed \(done) of \(files.count) files") }
        }
        Console.endStatus()

        var analysed: [(file: String, analysis: AnswerAnalysis)] = []
        for (file, outcome) in zip(files, outcomes) {
            switch outcome {
            case .success(let analysis):
                analysed.append((file, analysis))
                for warning in RecordingAnalysis.warnings(for: analysis) { Console.note("warning: \(file): \(warning)") }
            case .failure(let error):
                Console.note("rehearse: " + Console.red("error: ") + error.description)
            }
        }
        if let textGridFolder {
            for (file, analysis) in analysed {
                let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + ".TextGrid"
                let path = URL(fileURLWithPath: textGridFolder).appendingPathComponent(name).path
                do {
                    try TextGrid(analysis).text.write(toFile: path, atomically: true, encoding: .utf8)
                } catch {
                    Console.note("rehearse: " + Console.red("error: ") + "cannot write '\(path)': \(error.localizedDescription)")
                }
            }
        }
        if json {
            print(AnswerJSON.encode(analysed, asArray: files.count > 1))
        } else if csv {
            print(AnswerCSV.encode(analysed), terminator: "")
        } else {
            for (file, analysis) in analysed { print(AnswerTable.render(file: file, analysis, width: Console.width)) }
        }
        if analysed.count < files.count { throw ExitCode.failure }
    }
}
