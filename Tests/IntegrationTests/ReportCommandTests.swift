import Analysis
import AudioIO
import Foundation
import Testing
import TestSupport

/// `rehearse report`, `compare` and `export` on a home filled with imported answers, and the HTML
/// report rendered by headless Chromium.
@Suite struct ReportCommandTests {
    let home: URL
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    let rehearse = Paths.rehearseExecutable.path

    /// Three weekly sessions of the same prompt whose pauses shrink: 2.5 s, 1.5 s, 0.8 s.
    init() throws {
        scratch = try TemporaryFolder("rehearse-report")
        let folder = scratch.url
        home = try Paths.practiceHome(in: folder)
        for (week, gap) in [2.5, 1.5, 0.8].enumerated() {
            let one = try SpeechFixtures.speech(
                "I would listen to the team first", sampleRate: 16_000, leadingSilence: 1.0, trailingSilence: gap,
                in: folder, name: "a\(week)")
            let two = try SpeechFixtures.speech(
                "and then fix one small thing", sampleRate: 16_000, trailingSilence: 0.5, in: folder, name: "b\(week)")
            let answer = folder.appendingPathComponent("answer\(week).wav")
            try #require(try ChildProcess.run("sox", [one.path, two.path, answer.path]).status == 0)
            let date = ["2026-10-01", "2026-10-08", "2026-10-15"][week] + "T09:00:00Z"
            let imported = try run(["import", answer.path, "--prompt", "first-90-days", "--date", date])
            try #require(imported.status == 0, "\(imported.standardError)")
        }
    }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ChildProcess.run(rehearse, arguments + ["--home", home.path], environment: Paths.utcEnvironment)
    }

    @Test func reportSaysThePausesShrank() throws {
        let result = try run(["report"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("trend over 3 sessions (change: your last 1 against your first 1):"))
        #expect(result.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(result.standardOutput.contains("longest pause"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try run(["report", "--format", "json"]).standardOutput.utf8))
                as? [String: Any])
        let trends = try #require(json["trends"] as? [[String: Any]])
        let longest = try #require(trends.first { $0["measure"] as? String == "longestPause" })
        #expect(longest["direction"] as? String == "improved")
        let sessions = try #require(json["sessions"] as? [[String: Any]])
        let values = sessions.compactMap { $0["longestPause"] as? Double }
        #expect(values.count == 3 && values[0] > values[1] && values[1] > values[2], "\(values)")
        #expect(abs(values[0] - 2.5) < 0.3)
    }

    @Test func compareAndExport() throws {
        let compared = try run(["compare", "20261001-090000", "20261015-090000"])
        #expect(compared.status == 0, "\(compared.standardError)")
        #expect(compared.standardOutput.contains("first-90-days:"))
        let csv = try run(["export", "--format", "csv"]).standardOutput.split(separator: "\n")
        #expect(csv.count == 4)
        #expect(csv[0].hasPrefix("session,startedAt,position,promptId"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try run(["export", "--format", "json"]).standardOutput.utf8))
                as? [[String: Any]])
        #expect(json.count == 3)
        #expect(json.allSatisfy { $0["promptId"] as? String == "first-90-days" })
        // The verdict and the detector travel with every row (espeak-ng answers: no room, one voice).
        #expect(
            json.allSatisfy {
                $0["detectorVersion"] as? Int == AnswerAnalysis.detectorVersion
                    && $0["backgroundSpeech"] as? String == "no"
            })
        #expect(csv[0].contains(",signalToNoise,backgroundSpeech,detectorVersion,"))
        let shown = try #require(
            try JSONSerialization.jsonObject(with: Data(try run(["show", "last", "--json"]).standardOutput.utf8))
                as? [String: Any])
        let take = try #require(((shown["answers"] as? [[String: Any]])?.first?["takes"] as? [[String: Any]])?.first)
        #expect(take["detectorVersion"] as? Int == AnswerAnalysis.detectorVersion)
        #expect((take["reliability"] as? [String: Any])?["backgroundSpeech"] as? Bool == false)
    }

    /// A prompt or deck nobody has heard of is a mistake to point out, not an empty report; a deck
    /// covers its prompts' imported answers too.
    @Test func unknownNamesAreErrorsAndADeckCoversItsImportedAnswers() throws {
        let prompt = try run(["report", "--prompt", "nosuch"])
        #expect(prompt.status == 1)
        #expect(
            prompt.standardError
                == "rehearse: error: no answers to a prompt 'nosuch' (answered so far: first-90-days)\n")
        let deck = try run(["report", "--deck", "nosuch"])
        #expect(deck.status == 1)
        #expect(deck.standardError.hasPrefix("rehearse: error: no deck named 'nosuch' (decks: "))
        let situational = try run(["report", "--deck", "situational", "--format", "json"])
        #expect(situational.status == 0, "\(situational.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(situational.standardOutput.utf8)) as? [String: Any])
        #expect((object["sessions"] as? [Any])?.count == 3)
        let personal = try run(["report", "--deck", "personal"])
        #expect(personal.standardOutput.hasPrefix("No analysed answers yet"))
    }

    /// `--embed-audio`: the page carries its audio (MP3 at a speech bitrate) and says how big it is.
    @Test func anHTMLPageCanCarryItsAudio() throws {
        let page = folder.appendingPathComponent("travels.html")
        let written = try run(["report", "--html", page.path, "--embed-audio"])
        #expect(written.status == 0, "\(written.standardError)")
        #expect(written.standardError.contains("the audio of 3 takes inside"), "\(written.standardError)")
        let html = try String(contentsOf: page, encoding: .utf8)
        let payloads = html.components(separatedBy: "src=\"data:audio/mpeg;base64,").dropFirst()
        #expect(payloads.count == 3)
        #expect(!html.contains("Recordings/"))
        let first = try #require(payloads.first?.split(separator: "\"").first)
        let mp3 = try #require(Data(base64Encoded: String(first)))
        let copy = folder.appendingPathComponent("copy.mp3")
        try mp3.write(to: copy)
        let original = try AudioFileReader(
            path: home.appendingPathComponent("Recordings/20261015-090000/01-first-90-days-take1.wav").path)
        let decoded = try AudioFileReader(path: copy.path)
        #expect(abs(decoded.duration - original.duration) < 0.2, "\(decoded.duration) vs \(original.duration)")
        // About 32 kbit/s: a few kilobytes a second, not the WAV's 32.
        #expect(Double(mp3.count) / original.duration < 6_000)
    }

    @Test func anHTMLPageThatCannotBeWrittenIsOneLine() throws {
        let result = try run(["report", "--html", "/nonexistent/r.html"])
        #expect(result.status == 1)
        #expect(
            result.standardError == "rehearse: error: cannot write '/nonexistent/r.html': No such file or directory\n")
    }

    @Test func anEmptyHomeExplainsItself() throws {
        let empty = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try ChildProcess.run(rehearse, ["report", "--home", empty.path])
        #expect(result.status == 0)
        #expect(result.standardOutput == "No analysed answers yet for this report. Practise with: rehearse practice\n")
    }

    /// The page in a real browser: charts and players are in the DOM, a screenshot is made, and the
    /// page asks for nothing from the network. Chromium's own background traffic is measured on a
    /// blank page in the same way and allowed; DNS is disabled so nothing leaves the machine.
    @Test func htmlReportRendersInChromiumWithoutNetwork() throws {
        // A note crafted to break out of the escaping: U+0600 fuses with "<" into one character.
        let payload = "\u{600}<img src=x onerror=\"document.documentElement.dataset.pwned='yes'\">"
        #expect(try run(["note", "20261001-090000", "1", payload]).status == 0)
        let page = folder.appendingPathComponent("report.html")
        let written = try run(["report", "--html", page.path])
        #expect(written.status == 0, "\(written.standardError)")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(!html.contains("http://") && !html.contains("https://"))
        #expect(html.contains("src=\"home/Recordings/20261001-090000/01-first-90-days-take1.wav\""))

        let chromium = try ChildProcess.locate("chromium")
        func browse(_ url: String, _ extra: [String]) throws -> (dom: String, hosts: Set<String>) {
            let log = folder.appendingPathComponent("net-\(UUID().uuidString).json")
            let result = try ChildProcess.run(
                chromium,
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--host-resolver-rules=MAP * ~NOTFOUND", "--log-net-log=\(log.path)",
                ] + extra + [url])
            let net = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            let hosts = Set(
                net.components(separatedBy: "\"url\":\"").dropFirst().compactMap { entry -> String? in
                    guard entry.hasPrefix("http") else { return nil }
                    return entry.split(separator: "/").dropFirst().first.map(String.init)
                })
            return (result.standardOutput, hosts)
        }
        let baseline = try browse("about:blank", ["--dump-dom"])
        let loaded = try browse(page.absoluteString, ["--dump-dom"])
        #expect(loaded.dom.components(separatedBy: "<figure class=\"chart\"").count - 1 >= 6)
        #expect(loaded.dom.components(separatedBy: "<audio").count - 1 == 3)
        #expect(loaded.dom.contains("class=\"pause\""))
        // Readable in ten seconds: contents, which way is better, durations before playing.
        #expect(loaded.dom.contains("<nav id=\"contents\">"))
        #expect(loaded.dom.contains("(lower is better)") && loaded.dom.contains("(higher is better)"))
        #expect(loaded.dom.components(separatedBy: "preload=\"metadata\"").count - 1 == 3)
        // The page's own script ran under its Content-Security-Policy; the note's did not.
        #expect(loaded.dom.contains("data-scripted=\"yes\""))
        #expect(!loaded.dom.contains("data-pwned"))
        #expect(!loaded.dom.contains("<img"))

        // Even markup that escaped the escaping (pasted in here by hand) cannot run a handler.
        let unescaped = folder.appendingPathComponent("unescaped.html")
        try html.replacingOccurrences(
            of: "</h1>", with: "</h1><img src=x onerror=\"document.documentElement.dataset.pwned='yes'\">"
        )
        .write(to: unescaped, atomically: false, encoding: .utf8)
        let attacked = try browse(unescaped.absoluteString, ["--dump-dom"])
        #expect(attacked.dom.contains("<img src=\"x\""))
        #expect(!attacked.dom.contains("data-pwned"))
        #expect(attacked.dom.contains("data-scripted=\"yes\""))
        #expect(
            loaded.hosts.isSubset(of: baseline.hosts),
            "the page itself reached for \(loaded.hosts.subtracting(baseline.hosts))")

        let screenshot = folder.appendingPathComponent("report.png")
        _ = try browse(
            page.absoluteString, ["--hide-scrollbars", "--window-size=1000,1400", "--screenshot=\(screenshot.path)"])
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 20_000)
    }
}
