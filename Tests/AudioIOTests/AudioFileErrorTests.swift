import Foundation
import Testing
import TestSupport

@testable import AudioIO

/// Every way a file can be bad gives a `SoundFileError` with the right code, the file's name and a
/// human reason; none crashes.
@Suite struct AudioFileErrorTests {
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder("rehearse-bad-files")
    }

    func file(_ name: String, _ bytes: [UInt8]) -> String {
        let path = folder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func validWAV() throws -> [UInt8] {
        let path = folder.appendingPathComponent("valid.wav").path
        var writer = try AudioFileWriter(path: path, format: .wav, sampleRate: 16_000)
        try writer.write([Float](repeating: 0.1, count: 16_000))
        try writer.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func readError(_ path: String) -> SoundFileError? {
        do {
            _ = try AudioFileReader(path: path)
            return nil
        } catch {
            return error
        }
    }

    /// A named pipe would block the open for ever; a loop of symbolic links is not "no such file".
    @Test func pipesAndSymlinkLoopsAreNamed() throws {
        let pipe = folder.appendingPathComponent("pipe.wav").path
        try #require(mkfifo(pipe, 0o644) == 0)
        #expect(readError(pipe)?.description == "cannot read '\(pipe)': is not a regular file (a pipe or a device?)")
        let first = folder.appendingPathComponent("one.wav").path
        let second = folder.appendingPathComponent("two.wav").path
        try FileManager.default.createSymbolicLink(atPath: first, withDestinationPath: second)
        try FileManager.default.createSymbolicLink(atPath: second, withDestinationPath: first)
        #expect(readError(first)?.description == "cannot read '\(first)': a loop of symbolic links")
    }

    @Test func missingFile() {
        let path = folder.appendingPathComponent("nope.wav").path
        let error = readError(path)
        #expect(error?.code == .fileNotFound)
        #expect(error?.description == "cannot read '\(path)': no such file")
    }

    @Test func directoryInsteadOfAFile() {
        let error = readError(folder.path)
        #expect(error?.code == .notAFile)
        #expect(error?.description == "cannot read '\(folder.path)': is a directory, not an audio file")
    }

    @Test func emptyFile() {
        let path = file("empty.wav", [])
        let error = readError(path)
        #expect(error?.code == .empty)
        #expect(error?.description == "cannot read '\(path)': the file is empty (0 bytes)")
    }

    @Test func textFileIsNotAudio() {
        let path = file("notes.wav", Array("These are my notes, not audio.\n".utf8))
        let error = readError(path)
        #expect(error?.code == .unrecognisedFormat)
        #expect(error?.description.hasPrefix("cannot read '\(path)': not an audio file libsndfile can read") == true)
    }

    @Test func headerCutShortIsReportedAsTruncated() throws {
        let path = file("cut-header.wav", Array(try validWAV()[..<30]))
        let error = readError(path)
        #expect(error?.code == .malformed)
        #expect(error?.description.hasPrefix("cannot read '\(path)': damaged or truncated audio file") == true)
    }

    @Test func corruptHeaderIsReportedAsDamaged() throws {
        var bytes = try validWAV()
        // Keep "RIFF....WAVEfmt " but make the format chunk's length absurd.
        bytes[16] = 0x02
        bytes[17] = 0x00
        let path = file("corrupt.wav", Array(bytes[..<64]))
        let error = readError(path)
        #expect(error?.code == .malformed)
        #expect(error?.description.contains(path) == true)
    }

    /// A file cut inside its audio (a crash, a partial copy) is not an error: the audio that is
    /// there is what a user wants back.
    @Test func audioCutShortStillReadsWhatIsThere() throws {
        let bytes = try validWAV()
        let path = file("cut-audio.wav", Array(bytes[..<(44 + 2 * 4_000)]))
        let reader = try AudioFileReader(path: path)
        #expect(reader.frameCount == 4_000)
        #expect(try reader.readAllMono().count == 4_000)
    }

    @Test func writingIntoAMissingFolder() {
        let path = folder.appendingPathComponent("no/such/folder/a.wav").path
        #expect {
            _ = try AudioFileWriter(path: path, format: .wav, sampleRate: 16_000)
        } throws: { error in
            let error = error as? SoundFileError
            return error?.code == .unwritable
                && error?.description == "cannot write '\(path)': folder '\(folder.path)/no/such/folder' does not exist"
        }
    }

    @Test func writingWhereAFileStandsInForTheFolder() {
        let blocker = file("blocker", Array("x".utf8))
        let path = blocker + "/a.wav"
        #expect {
            _ = try AudioFileWriter(path: path, format: .wav, sampleRate: 16_000)
        } throws: { error in
            (error as? SoundFileError)?.description == "cannot write '\(path)': '\(blocker)' is not a folder"
        }
    }

    @Test func writingToAFullDevice() {
        #expect {
            _ = try AudioFileWriter(path: "/dev/full", format: .wav, sampleRate: 16_000)
        } throws: { error in
            (error as? SoundFileError)?.description == "cannot write '/dev/full': no space left on device"
        }
    }

    @Test func errorCodesMatchInCatchClauses() {
        var matched = false
        do {
            _ = try AudioFileReader(path: folder.appendingPathComponent("missing.flac").path)
        } catch SoundFileError.Code.fileNotFound {
            matched = true
        } catch {}
        #expect(matched)
    }
}
