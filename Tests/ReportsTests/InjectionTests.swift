import Foundation
import Testing
import TestSupport

@testable import Reports

/// Text from notes, decks and file names reaches HTML and CSV as text, never as markup or formulas.
@Suite struct InjectionTests {
    static let payloads = [
        "\u{600}<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "'><img src=x onerror=alert(1)>",
        "e\u{301}<b>combining</b>",
        "&lt;already escaped&gt;",
    ]

    @Test(arguments: payloads) func htmlEscapingLeavesNoMarkup(_ payload: String) {
        let escaped = HTMLReport.escape(payload)
        #expect(!escaped.unicodeScalars.contains("<"))
        #expect(!escaped.unicodeScalars.contains(">"))
        #expect(!escaped.unicodeScalars.contains("\""))
        #expect(!escaped.unicodeScalars.contains("'"))
    }

    /// The Content-Security-Policy names the page's script by its SHA-256: recomputed here with
    /// Python's hashlib, so a change to the script that forgets the hash fails.
    @Test func theScriptHashMatchesTheScript() throws {
        try TemporaryFolder.with("rehearse-csp") { folder in
            let script = folder.appendingPathComponent("script.js")
            try Data(HTMLReport.script.utf8).write(to: script)
            let hashed = try ChildProcess.run(
                Paths.python3,
                [
                    "-c",
                    "import base64, hashlib, sys; print(base64.b64encode(hashlib.sha256(open(sys.argv[1], 'rb').read()).digest()).decode())",
                    script.path,
                ])
            #expect(hashed.status == 0, "\(hashed.standardError)")
            #expect(
                HTMLReport.scriptHash == "sha256-"
                    + hashed.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(HTMLReport.contentSecurityPolicy.contains("script-src '\(HTMLReport.scriptHash)'"))
        }
    }

    @Test func csvQuotesLineBreaksAndNeutralisesFormulas() {
        #expect(CSVField.text("fine") == "fine")
        #expect(CSVField.text("a, b") == "\"a, b\"")
        #expect(CSVField.text("line one\r\nline two") == "\"line one\r\nline two\"")
        #expect(CSVField.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.text("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        for start in ["+", "-", "@", "\t", "\r"] {
            #expect(CSVField.text(start + "1+1").hasPrefix("'") || CSVField.text(start + "1+1").hasPrefix("\"'"))
        }
        #expect(CSVField.text("=1+1", raw: true) == "=1+1")
    }

    @Test func tablesKeepNumbersAsNumbersAndNotesAsText() {
        let table = ReportTable(
            columns: [
                .init("session", "session", .text), .init("note", "note", .text),
                .init("latency", "latency", .number(decimals: 1)),
            ],
            rows: [[.text("20261127-090000"), .text("=cmd|' /C calc'!A0\r\nsecond line"), .number(-0.5)]])
        let csv = table.csvLines().joined(separator: "\n") + "\n"
        #expect(csv.contains("\"'=cmd|' /C calc'!A0\r\nsecond line\",-0.5\n"))
        // The header, then one record over two physical lines (its note holds a line break).
        #expect(csv.utf8.filter { $0 == UInt8(ascii: "\n") }.count == 3)
        #expect(table.csvLines(rawText: true)[1].hasPrefix("20261127-090000,\"=cmd"))
    }
}
