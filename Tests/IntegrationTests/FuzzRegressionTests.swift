import Foundation
import Testing
import TestSupport

/// Hostile audio, in a child process so that a crash fails the test instead of ending the run:
/// every input a fuzzer ever crashed on, then deterministic mutants of one clip in every format
/// libsndfile reads (scripts/fuzz.sh runs libFuzzer itself, in the test command).
@Suite struct FuzzRegressionTests {
    let fuzzer = Paths.builtExecutable("rehearse-fuzz").path

    @Test func everyPastCrashStaysFixed() throws {
        let folder = Paths.packageRoot.appendingPathComponent("Tests/Fuzz/Regressions")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            folder.appendingPathComponent($0).path
        }
        try #require(!inputs.isEmpty)
        let result = try ChildProcess.run(fuzzer, ["replay"] + inputs)
        #expect(result.status == 0, "replaying a past crash failed: \(result.standardError)")
        #expect(result.standardOutput == "replayed \(inputs.count) inputs\n")
    }

    @Test func mutantsOfEveryFormatNeitherCrashNorHang() throws {
        try TemporaryFolder.with("rehearse-mutants") { folder in
            let seeds = try ChildProcess.run(
                "bash", [Paths.packageRoot.appendingPathComponent("scripts/fuzz-seeds.sh").path, folder.path])
            try #require(seeds.status == 0, "\(seeds.standardError)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
                folder.appendingPathComponent($0).path
            }
            #expect(files.count >= 18)
            let result = try ChildProcess.run(fuzzer, ["mutate"] + files + ["--count", "8000", "--seed", "1"])
            let candidates = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
                $0.hasPrefix("crash-candidate")
            }
            #expect(result.status == 0, "a mutant crashed the analysis: \(candidates) \(result.standardError)")
            #expect(result.standardOutput.hasPrefix("ran 8000 mutants"))
        }
    }
}
