import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the formats libsndfile does not (AAC in M4A or MP4, AMR, WebM, a video's sound: what phones
/// record) through FFmpeg's command-line tool, found on `PATH` when needed.
///
/// The first audio stream is decoded to a private temporary WAV (mono, 32-bit float, the source's
/// sample rate), which is opened and at once removed: the open file stays readable, and nothing is
/// left behind. FFmpeg stops at the first frame it cannot decode (`-xerror`): a file it can only
/// partly decode (AMR with silence frames, which its own AMR decoder does not implement) is refused
/// with FFmpeg's reason rather than measured with its silences missing.
enum ExternalDecoder {
    /// What to install when FFmpeg is missing.
    static let installHint = "M4A, AAC, AMR, WebM and MP4 need FFmpeg (on Debian: sudo apt install ffmpeg)"

    /// Decodes `path`, which libsndfile refused with `refusal`.
    static func decode(_ path: String, refusedWith refusal: SoundFileError) throws(SoundFileError) -> AudioFileReader {
        guard let ffmpeg = locate("ffmpeg") else {
            throw SoundFileError(.unrecognisedFormat, path: path, reason: "\(refusal.reason); \(installHint)")
        }
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/rehearse-decoded-XXXXXX.wav".utf8CString)
        let descriptor = mkstemps(&template, 4)
        guard descriptor >= 0 else {
            throw SoundFileError(.ioFailure, path: path, reason: "no temporary file to decode into (\(folder))")
        }
        close(descriptor)
        let decoded = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(decoded) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = [
            "-nostdin", "-hide_banner", "-v", "warning", "-xerror", "-i", path, "-map", "0:a:0", "-ac", "1", "-c:a",
            "pcm_f32le",
            "-f", "wav", "-y", decoded,
        ]
        let messages = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = messages
        do {
            try process.run()
        } catch {
            throw SoundFileError(
                .ioFailure, path: path, reason: "could not start \(ffmpeg): \(error.localizedDescription)")
        }
        let output = messages.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SoundFileError(
                .unrecognisedFormat, path: path,
                reason: "not an audio file libsndfile or FFmpeg can read (\(Self.summary(of: output, path: path)))")
        }
        return try AudioFileReader(path: decoded, reportingAs: path)
    }

    /// FFmpeg's last complaint, in its first sentence, without the file name or the
    /// `[decoder @ 0x…]` tag it starts with.
    static func summary(of output: Data, path: String) -> String {
        let lines = String(decoding: output, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard var last = lines.last.map(String.init) else { return "FFmpeg gave no reason" }
        if last.hasPrefix("["), let tagEnd = last.firstIndex(of: "]") {
            last = String(last[last.index(after: tagEnd)...])
        }
        last = last.trimmingCharacters(in: .whitespaces)
        if last.hasPrefix(path + ": ") { last.removeFirst(path.count + 2) }
        if let sentenceEnd = last.range(of: ". ") { last = String(last[..<sentenceEnd.lowerBound]) }
        return "FFmpeg: " + last
    }

    /// The first executable called `name` on `PATH`.
    static func locate(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}
