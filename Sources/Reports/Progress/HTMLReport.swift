import Foundation
import Sessions

/// The progress report as one self-contained HTML page: SVG charts of each measure over time, the
/// table of sessions, and for every answer a timeline of pauses and filled pauses beside an audio
/// player. Clicking either plays from just before it. No network, no external scripts or fonts; light and dark mode
/// follow the system; it prints cleanly.
public struct HTMLReport {
    public let report: ProgressReport
    /// Latest take of each answer, with the session it belongs to.
    public let answers: [(session: PracticeSession, answer: Answer, take: Take)]
    /// Each take's silent and filled pauses (`SessionStore.hesitationsByTake()`).
    public let hesitations: [Int64: [Segment]]
    /// How the page reaches each take's audio: a path relative to where the page is written.
    public let audioLink: (Take) -> String

    public init(
        report: ProgressReport, answers: [(session: PracticeSession, answer: Answer, take: Take)],
        hesitations: [Int64: [Segment]],
        audioLink: @escaping (Take) -> String
    ) {
        self.report = report
        self.answers = answers
        self.hesitations = hesitations
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
            + "<h2>Answers</h2>\n<p class=\"hint\">Each orange mark on a timeline is a pause, each purple one a filled"
            + " pause (\u{201C}um\u{201D}, \u{201C}uh\u{201D}), a pale red band a freeze: click one to hear the"
            + " answer from just before it. Every take is here, the latest first.</p>\n"
        let bySession = Dictionary(grouping: answers, by: \.session.id)
        let shown = report.sessions.reversed().compactMap { session in bySession[session.session].map { (session, $0) }
        }
        html += contents(shown.map { ($0.0, $0.1) }, days)
        for (session, entries) in shown {
            html +=
                "<section class=\"session\" id=\"session-\(Self.escape(session.session))\">"
                + "<h3>\(Self.escape(days.string(from: session.startedAt)))</h3>\n"
            let byAnswer = Dictionary(grouping: entries, by: \.answer.position)
            for position in byAnswer.keys.sorted() {
                let takes = byAnswer[position]!.sorted { $0.take.number > $1.take.number }
                html += answer(takes[0].answer, takes.map(\.take), session: session.session)
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

    /// A line chart of one measure over time, 320 × 150: one point per session placed by its date,
    /// the first and last dates under the axis, the lowest and highest values beside it, and which
    /// way is better.
    private func chart(_ trend: Trend) -> String {
        let width = 320.0, height = 150.0, left = 58.0, right = 12.0, top = 10.0, bottom = 34.0
        let times = trend.points.map { $0.date.timeIntervalSince1970 }
        let values = trend.points.map(\.value)
        let (t0, t1) = (times.min()!, times.max()!)
        let (v0, v1) = (values.min()!, values.max()!)
        func x(_ t: Double) -> Double {
            t1 > t0 ? left + (t - t0) / (t1 - t0) * (width - left - right) : (left + width - right) / 2
        }
        func y(_ v: Double) -> Double {
            v1 > v0 ? height - bottom - (v - v0) / (v1 - v0) * (height - top - bottom) : (height - bottom + top) / 2
        }
        let days = DateFormatter()
        days.locale = Locale(identifier: "en_US_POSIX")
        days.timeZone = report.timeZone
        days.dateFormat = "d MMM"
        let path = zip(times, values).map { String(format: "%.1f,%.1f", x($0), y($1)) }.joined(separator: " ")
        let dots = zip(trend.points, zip(times, values)).map { point, position in
            String(
                format: "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%@: %.2f</title></circle>", x(position.0),
                y(position.1),
                days.string(from: point.date), position.1)
        }.joined()
        let unit = trend.measure.unit.isEmpty ? "" : " " + trend.measure.unit
        func label(_ value: Double) -> String { Self.escape(String(format: "%.1f", value) + unit) }
        let cue = trend.measure.lowerIsBetter ? "lower is better" : "higher is better"
        let axis = height - bottom + 6
        var labels = String(
            format: "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%@</text>", left - 6, y(v1) + 4, label(v1))
        if v1 > v0 {
            labels += String(
                format: "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">%@</text>", left - 6, y(v0) + 4, label(v0))
        }
        labels += String(
            format: "<text x=\"%.1f\" y=\"%.1f\">%@</text>", left, axis + 12,
            days.string(from: trend.points.first!.date))
        if t1 > t0 {
            labels += String(
                format: "<text class=\"end\" x=\"%.1f\" y=\"%.1f\">%@</text>", width - right, axis + 12,
                days.string(from: trend.points.last!.date))
        }
        return """
            <figure class="chart" data-measure="\(trend.measure.key)">
            <figcaption>\(Self.escape(trend.measure.label)) <span class="\(trend.direction == .improved ? "good" : trend.direction == .worse ? "bad" : "")">\(trend.direction.rawValue)</span> <span class="cue">(\(cue))</span></figcaption>
            <svg viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(Self.escape(trend.measure.label)) over time, \(cue)">
            <line class="axis" x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)"/>
            \(labels)
            <polyline points="\(path)"/>\(dots)
            </svg>
            </figure>

            """
    }

    /// A table of contents: each session, and under it each question, linked.
    private func contents(
        _ sessions: [(SessionSummary, [(session: PracticeSession, answer: Answer, take: Take)])], _ days: DateFormatter
    ) -> String {
        var html = "<nav id=\"contents\"><h3>Contents</h3><ol>\n"
        for (session, entries) in sessions {
            html +=
                "<li><a href=\"#session-\(Self.escape(session.session))\">\(Self.escape(days.string(from: session.startedAt)))</a><ol>"
            var seen = Set<Int>()
            for entry in entries.sorted(by: { $0.answer.position < $1.answer.position })
            where seen.insert(entry.answer.position).inserted {
                html +=
                    "<li><a href=\"#answer-\(Self.escape(session.session))-\(entry.answer.position)\">"
                    + "\(Self.escape(entry.answer.promptText))</a></li>"
            }
            html += "</ol></li>\n"
        }
        return html + "</ol></nav>\n"
    }

    /// One question of a session with every take, the latest first.
    private func answer(_ answer: Answer, _ takes: [Take], session: String) -> String {
        var html = """
            <article class="answer" id="answer-\(Self.escape(session))-\(answer.position)">
            <h4>\(answer.position). \(Self.escape(answer.promptText))</h4>
            \(answer.note.map { "<p class=\"note\"><em>\(Self.escape($0))</em></p>" } ?? "")
            """
        for (index, take) in takes.enumerated() {
            html += self.take(
                take, label: takes.count == 1 ? "" : "take \(take.number)\(index == 0 ? " (latest)" : ""): ")
        }
        return html + "</article>\n"
    }

    private func take(_ take: Take, label: String) -> String {
        let id = "take-\(take.id ?? 0)"
        let duration = max(take.duration, 0.001)
        var bars = ""
        if let latency = take.metrics?.responseLatency {
            let end = duration - (take.metrics?.trailingSilence ?? 0)
            bars += String(
                format: "<rect class=\"speech\" x=\"%.2f\" y=\"4\" width=\"%.2f\" height=\"16\"/>",
                latency / duration * 1000, max(0, end - latency) / duration * 1000)
        }
        let marks = hesitations[take.id ?? -1] ?? []
        for (kind, name, label) in [
            (Segment.Kind.freeze, "freeze", "freeze"), (.pause, "pause", "pause"),
            (.filledPause, "filled", "filled pause"),
        ] {
            for (index, mark) in marks.filter({ $0.kind == kind }).enumerated() {
                bars += String(
                    format:
                        "<rect class=\"%@\" data-start=\"%.3f\" x=\"%.2f\" y=\"0\" width=\"%.2f\" height=\"24\"><title>%@ %d: %.2f s at %.1f s — click to listen</title></rect>",
                    name, mark.start, mark.start / duration * 1000, max(2, (mark.end - mark.start) / duration * 1000),
                    label, index + 1, mark.end - mark.start, mark.start)
            }
        }
        return """
            <div class="take" id="\(id)">
            <p class="figures">\(Self.escape(label + TakeSummary.line(take)))</p>
            <svg class="timeline" viewBox="0 0 1000 24" preserveAspectRatio="none" data-audio="\(id)-audio">\(bars)</svg>
            <audio id="\(id)-audio" controls preload="metadata" src="\(Self.escape(audioLink(take)))"></audio>
            </div>

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
    static let scriptHash = "sha256-qtbk3Q9ZmM20Q4uYzzcXPIFflodw6O+q6U81U8xzg8c="

    private static let style = """
        :root { color-scheme: light dark; --fg: #1d1d1f; --bg: #ffffff; --muted: #6e6e73; --speech: #4a7fd4; --pause: #e8833a; --filled: #9b59b6; --freeze: rgba(217, 83, 79, .3); --grid: #d2d2d7; }
        @media (prefers-color-scheme: dark) { :root { --fg: #f5f5f7; --bg: #1c1c1e; --muted: #a1a1a6; --speech: #6d9be6; --pause: #f2a05e; --filled: #c39bd3; --freeze: rgba(242, 120, 115, .35); --grid: #3a3a3c; } }
        body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        .lead, .figures, figcaption span { color: var(--muted); }
        #charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 1rem; }
        .chart svg { width: 100%; height: auto; } .chart polyline { fill: none; stroke: var(--speech); stroke-width: 2; }
        .chart circle { fill: var(--speech); } .chart text { font-size: 10px; fill: var(--muted); } .axis { stroke: var(--grid); }
        .chart text.value, .chart text.end { text-anchor: end; }
        .good { color: #2e9d4f; } .bad { color: #d9534f; }
        table { border-collapse: collapse; width: 100%; } th, td { padding: .25rem .5rem; border-bottom: 1px solid var(--grid); text-align: right; }
        th:first-child, td:first-child { text-align: left; white-space: nowrap; }
        table { display: block; overflow-x: auto; }
        .timeline { width: 100%; height: 24px; display: block; margin: .25rem 0; }
        .timeline .speech { fill: var(--speech); } .timeline .pause { fill: var(--pause); cursor: pointer; }
        .timeline .filled { fill: var(--filled); cursor: pointer; }
        .timeline .freeze { fill: var(--freeze); cursor: pointer; } .timeline .pause:hover, .timeline .filled:hover { opacity: .7; } .hint, .cue { color: var(--muted); font-size: .9em; }
        nav ol { margin: .25rem 0; } nav li { margin: .1rem 0; } .take { margin: .5rem 0 1rem; }
        audio { width: 100%; }
        @media print { audio { display: none; } body { max-width: none; } .answer { break-inside: avoid; } }
        """

    static let script = """
        document.querySelectorAll('.timeline').forEach(function (timeline) {
          var audio = document.getElementById(timeline.dataset.audio);
          timeline.querySelectorAll('.pause, .filled, .freeze').forEach(function (mark) {
            mark.addEventListener('click', function () {
              audio.currentTime = Math.max(0, parseFloat(mark.dataset.start) - 1.5);
              audio.play();
            });
          });
        });
        document.documentElement.dataset.scripted = 'yes';
        """
}
