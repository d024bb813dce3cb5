import Foundation
import Sessions

/// The progress report as one self-contained HTML page: SVG charts of each measure over time, the
/// table of sessions, and for every answer a pause timeline beside an audio player. Clicking a
/// pause plays from just before it. No network, no external scripts or fonts; light and dark mode
/// follow the system; it prints cleanly.
public struct HTMLReport {
    public let report: ProgressReport
    /// Latest take of each answer, with the session it belongs to.
    public let answers: [(session: PracticeSession, answer: Answer, take: Take)]
    public let pauses: [Int64: [Segment]]
    /// How the page reaches each take's audio: a path relative to where the page is written.
    public let audioLink: (Take) -> String

    public init(
        report: ProgressReport, answers: [(session: PracticeSession, answer: Answer, take: Take)],
        pauses: [Int64: [Segment]],
        audioLink: @escaping (Take) -> String
    ) {
        self.report = report
        self.answers = answers
        self.pauses = pauses
        self.audioLink = audioLink
    }

    public func render() -> String {
        let days = ProgressReport.dayFormatter(in: report.timeZone)
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>rehearse — progress report</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <h1>Your hesitation, session by session</h1>
            <p class="lead">\(report.sessions.count) session\(report.sessions.count == 1 ? "" : "s"), \(answers.count) answer\(answers.count == 1 ? "" : "s"). \(Self.escape(summary))</p>
            <section id="charts">

            """
        for trend in report.trends where !trend.points.isEmpty {
            html += chart(trend)
        }
        html +=
            "</section>\n<h2>Sessions</h2>\n" + report.sessionTable.html(timeZone: report.timeZone)
            + "<h2>Answers</h2>\n"
        let bySession = Dictionary(grouping: answers, by: \.session.id)
        for session in report.sessions.reversed() {
            guard let entries = bySession[session.session] else { continue }
            html += "<section class=\"session\"><h3>\(Self.escape(days.string(from: session.startedAt)))</h3>\n"
            for entry in entries.sorted(by: { $0.answer.position < $1.answer.position }) {
                html += answer(entry.answer, entry.take)
            }
            html += "</section>\n"
        }
        html += "<script>\(Self.script)</script>\n</body>\n</html>\n"
        return html
    }

    private var summary: String {
        let improved = report.trends.filter { $0.direction == .improved }.map(\.measure.label)
        let worse = report.trends.filter { $0.direction == .worse }.map(\.measure.label)
        if report.sessions.count < Trend.minimumSessions { return "Too few sessions yet to see a trend." }
        var parts: [String] = []
        if !improved.isEmpty { parts.append("Better: " + improved.joined(separator: ", ") + ".") }
        if !worse.isEmpty { parts.append("Worse: " + worse.joined(separator: ", ") + ".") }
        return parts.isEmpty ? "No clear change yet." : parts.joined(separator: " ")
    }

    /// A line chart of one measure over time, 320 × 140.
    private func chart(_ trend: Trend) -> String {
        let width = 320.0, height = 140.0, margin = 28.0
        let times = trend.points.map { $0.date.timeIntervalSince1970 }
        let values = trend.points.map(\.value)
        let (t0, t1) = (times.min()!, times.max()!)
        let (v0, v1) = (values.min()!, values.max()!)
        func x(_ t: Double) -> Double { t1 > t0 ? margin + (t - t0) / (t1 - t0) * (width - 2 * margin) : width / 2 }
        func y(_ v: Double) -> Double {
            v1 > v0 ? height - margin - (v - v0) / (v1 - v0) * (height - 2 * margin) : height / 2
        }
        let path = zip(times, values).map { String(format: "%.1f,%.1f", x($0), y($1)) }.joined(separator: " ")
        let dots = zip(times, values).map {
            String(format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%.2f</title></circle>", x($0), y($1), $1)
        }.joined()
        let unit = trend.measure.unit.isEmpty ? "" : " " + trend.measure.unit
        return """
            <figure class="chart" data-measure="\(trend.measure.key)">
            <figcaption>\(Self.escape(trend.measure.label)) <span class="\(trend.direction == .improved ? "good" : trend.direction == .worse ? "bad" : "")">\(trend.direction.rawValue)</span></figcaption>
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(Self.escape(trend.measure.label)) over time">
            <line class="axis" x1="\(margin)" y1="\(height - margin)" x2="\(width - margin)" y2="\(height - margin)"/>
            <text x="2" y="\(String(format: "%.1f", y(v1) + 4))">\(String(format: "%.1f", v1))\(Self.escape(unit))</text>
            <text x="2" y="\(String(format: "%.1f", y(v0) + 4))">\(String(format: "%.1f", v0))\(Self.escape(unit))</text>
            <polyline points="\(path)"/>\(dots)
            </svg>
            </figure>

            """
    }

    private func answer(_ answer: Answer, _ take: Take) -> String {
        let id = "take-\(take.id ?? 0)"
        let duration = max(take.duration, 0.001)
        var bars = ""
        if let latency = take.metrics?.responseLatency {
            let end = duration - (take.metrics?.trailingSilence ?? 0)
            bars += String(
                format: "<rect class=\"speech\" x=\"%.2f\" y=\"4\" width=\"%.2f\" height=\"16\"/>",
                latency / duration * 1000, max(0, end - latency) / duration * 1000)
        }
        for (index, pause) in (pauses[take.id ?? -1] ?? []).enumerated() {
            bars += String(
                format:
                    "<rect class=\"pause\" data-start=\"%.3f\" x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"24\"><title>pause %d: %.2f s at %.1f s — click to listen</title></rect>",
                pause.start, pause.start / duration * 1000, max(2, (pause.end - pause.start) / duration * 1000),
                index + 1, pause.end - pause.start, pause.start)
        }
        return """
            <article class="answer" id="\(id)">
            <h4>\(answer.position). \(Self.escape(answer.promptText))</h4>
            <p class="figures">\(Self.escape(TakeSummary.line(take)))\(answer.note.map { " — <em>\(Self.escape($0))</em>" } ?? "")</p>
            <svg class="timeline" viewBox="0 0 1000 24" preserveAspectRatio="none" data-audio="\(id)-audio">\(bars)</svg>
            <audio id="\(id)-audio" controls preload="none" src="\(Self.escape(audioLink(take)))"></audio>
            </article>

            """
    }

    /// `text` safe inside an element or a double-quoted attribute. Works on Unicode scalars, not
    /// `Character`s: a combining or prepended scalar (U+0600 before `<`) fuses with `<` into one
    /// grapheme, which a `Character` comparison would not see.
    static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// Only the page's own inline script (by its SHA-256, `scriptHash`) and style may run, media
    /// only from files; no network, no plug-ins, no other scripts: a future escaping bug cannot run code.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src '\(scriptHash)'; style-src 'unsafe-inline'; media-src 'self' file: data: blob:; img-src data:; base-uri 'none'; form-action 'none'"

    /// `sha256-` and the base64 SHA-256 of `script`, checked by a test against the script itself.
    static let scriptHash = "sha256-afu4aq3YD2f10TGT5e1FpzPkfvKqO70jFAQDuXQPMdU="

    private static let style = """
        :root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #6e6e73; --speech: #4a7fd4; --pause: #e8833a; --grid: #d2d2d7; }
        @media (prefers-color-scheme: dark) { :root { --fg: #f5f5f7; --bg: #1c1c1e; --muted: #a1a1a6; --speech: #6d9be6; --pause: #f2a05e; --grid: #3a3a3c; } }
        body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        .lead, .figures, figcaption span { color: var(--muted); }
        #charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1rem; }
        .chart svg { width: 100%; height: auto; } .chart polyline { fill: none; stroke: var(--speech); stroke-width: 2; }
        .chart circle { fill: var(--speech); } .chart text { font-size: 10px; fill: var(--muted); } .axis { stroke: var(--grid); }
        .good { color: #2e9d4f; } .bad { color: #d9534f; }
        table { border-collapse: collapse; width: 100%; } th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--grid); text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        .timeline { width: 100%; height: 24px; display: block; margin: .25rem 0; }
        .timeline .speech { fill: var(--speech); } .timeline .pause { fill: var(--pause); cursor: pointer; }
        audio { width: 100%; }
        @media print { audio { display: none; } body { max-width: none; } .answer { break-inside: avoid; } }
        """

    static let script = """
        document.querySelectorAll('.timeline').forEach(function (timeline) {
          var audio = document.getElementById(timeline.dataset.audio);
          timeline.querySelectorAll('.pause').forEach(function (pause) {
            pause.addEventListener('click', function () {
              audio.currentTime = Math.max(0, parseFloat(pause.dataset.start) - 1.5);
              audio.play();
            });
          });
        });
        document.documentElement.dataset.scripted = 'yes';
        """
}
