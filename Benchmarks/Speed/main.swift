// Speed and memory benchmark for the analysis engine (release build):
//
//   swift run -c release rehearse-benchmark [--minutes 60] [--work DIR]
//   swift run -c release rehearse-benchmark --reports     (report commands on 1000 sessions × 10 answers)
//
// Makes long 16 kHz answers from espeak-ng speech, then measures in one run:
//   - rehearse's analysis of the long file, decoding included, on one thread (best of 3),
//   - webrtcvad on the same file through its Python binding (best of 3), as the peer,
//   - peak memory (max RSS) of `rehearse analyze` on the short and the long file.
// Prints a Markdown table for BENCHMARKS.md.
import AudioIO
import Foundation
import Sessions

#if canImport(Glibc)
import Glibc
import FileAnalysis
#endif

struct Options {
    var minutes = 60
    var shortMinutes = 10
    var work = FileManager.default.temporaryDirectory.appendingPathComponent("rehearse-benchmark").path
    /// Time the report commands on a large generated store instead of the analysis.
    var reports = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--minutes": minutes = Int(iterator.next() ?? "") ?? minutes
            case "--work": work = iterator.next() ?? work
            case "--reports": reports = true
            default:
                FileHandle.standardError.write(
                    Data("usage: rehearse-benchmark [--minutes N] [--work DIR] [--reports]\n".utf8))
                exit(64)
            }
        }
    }
}

func runProcess(_ program: String, _ arguments: [String]) -> (status: Int32, output: String, maxRSSKilobytes: Int) {
    let outputPath = NSTemporaryDirectory() + "rehearse-benchmark-\(getpid()).out"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    defer {
        argv.forEach { free($0) }
        posix_spawn_file_actions_destroy(&actions)
    }
    var pid: pid_t = 0
    guard posix_spawnp(&pid, program, &actions, nil, argv, environ) == 0 else { return (-1, "", 0) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    unlink(outputPath)
    return ((status >> 8) & 0xff, output, Int(usage.ru_maxrss))
}

/// A long answer: espeak-ng speech with pauses of several lengths, repeated to `minutes`.
func makeLongAnswer(minutes: Int, in folder: String) throws -> String {
    let path = "\(folder)/answer-\(minutes)min.wav"
    if FileManager.default.fileExists(atPath: path) { return path }
    let speech = "\(folder)/speech.wav"
    if !FileManager.default.fileExists(atPath: speech) {
        let text =
            "In my first ninety days I would listen before I change anything, then I would meet every person on the team."
        guard runProcess("espeak-ng", ["-w", "\(folder)/espeak.wav", text]).status == 0,
            runProcess("sox", ["\(folder)/espeak.wav", "-r", "16000", "-c", "1", "-b", "16", speech]).status == 0
        else { throw AudioBenchmarkError("espeak-ng and sox are needed (scripts/install-deps.sh --test)") }
    }
    let source = try AudioFileReader(path: speech).readAllMono()
    var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: 16_000)
    let target = minutes * 60 * 16_000
    let pauses = [0.3, 1.2, 0.5, 2.5, 0.8]
    var written = 0
    var round = 0
    while written < target {
        let silence = [Float](repeating: 0, count: Int(pauses[round % pauses.count] * 16_000))
        for block in [source, silence] {
            let count = min(block.count, target - written)
            try block.withUnsafeBufferPointer { try writer.write(UnsafeBufferPointer(rebasing: $0[..<count])) }
            written += count
        }
        round += 1
    }
    try writer.close()
    return path
}

struct AudioBenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func bestOf<T>(_ runs: Int, _ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
    var best = Double.infinity
    var value: T?
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        value = try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (best, value!)
}

let options = Options(CommandLine.arguments)
do {
    try FileManager.default.createDirectory(atPath: options.work, withIntermediateDirectories: true)
    if options.reports {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "rehearse"
        ).path
        FileHandle.standardError.write(
            Data("filling a store with 1000 sessions × 10 answers and timing the reports…\n".utf8))
        print(try ReportBenchmark.run(sessions: 1_000, answers: 10, work: options.work, binary: binary))
        exit(0)
    }
    FileHandle.standardError.write(
        Data("making \(options.shortMinutes)- and \(options.minutes)-minute answers in \(options.work)…\n".utf8))
    let short = try makeLongAnswer(minutes: options.shortMinutes, in: options.work)
    let long = try makeLongAnswer(minutes: options.minutes, in: options.work)
    let audioSeconds = Double(options.minutes * 60)

    FileHandle.standardError.write(Data("timing rehearse and webrtcvad…\n".utf8))
    let ours = try bestOf(3) { try RecordingAnalysis.analyze(file: long) }
    let peer = bestOf(3) { () -> Double in
        let result = runProcess("python3", ["Benchmarks/Speed/webrtcvad_peer.py", long])
        return Double(result.output.split(separator: " ").first ?? "") ?? .nan
    }
    let peerSeconds = peer.value

    FileHandle.standardError.write(Data("measuring peak memory…\n".utf8))
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "rehearse"
    ).path
    let shortMemory = runProcess(binary, ["analyze", "--json", short]).maxRSSKilobytes
    let longMemory = runProcess(binary, ["analyze", "--json", long]).maxRSSKilobytes

    print(
        """
        | measure | value |
        |---|---|
        | audio analysed | \(options.minutes) min at 16 kHz (\(ours.value.pauses.count) pauses found) |
        | rehearse, decoding included, one thread | \(String(format: "%.3f", ours.seconds)) s = \(String(format: "%.0f", audioSeconds / ours.seconds))× real time |
        | webrtcvad (aggressiveness 2, Python binding, same file) | \(String(format: "%.3f", peerSeconds)) s = \(String(format: "%.0f", audioSeconds / peerSeconds))× real time |
        | rehearse / webrtcvad speed | \(String(format: "%.2f", peerSeconds / ours.seconds))× |
        | peak memory of `rehearse analyze`, \(options.shortMinutes) min | \(shortMemory / 1024) MiB |
        | peak memory of `rehearse analyze`, \(options.minutes) min | \(longMemory / 1024) MiB |
        """)
} catch {
    FileHandle.standardError.write(Data("rehearse-benchmark: \(error)\n".utf8))
    exit(1)
}
