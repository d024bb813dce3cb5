#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Reports

/// Where human-facing output goes, and whether it may redraw lines and use colour.
enum Console {
    /// True when standard error is a terminal, so live meters and progress may redraw in place.
    static let isInteractive = isatty(STDERR_FILENO) == 1

    /// True when colour is allowed: a terminal, and no `NO_COLOR` (see no-color.org).
    static let usesColour = isInteractive && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true

    /// Columns of the terminal on standard output (80 when it is not a terminal).
    static var width: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Asks a question on standard output, leaving the cursor after it.
    static func ask(_ question: String) {
        print(question, terminator: "")
        // Only standard output: fflush(nil) would also wait for the stdin lock held by the keyboard thread.
        fflush(cStandardOutput)
    }

    /// Writes a line of diagnostics or progress to standard error.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// A note of prose, wrapped at word boundaries to the terminal's width.
    static func note(wrapped text: String) {
        note(TextWrap.lines(text, width: width).joined(separator: "\n"))
    }

    /// Redraws the current status line on standard error (terminals only).
    static func status(_ text: String) {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    /// Ends a status line so the next output starts on a fresh line.
    static func endStatus() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    /// `text` without control characters (escape sequences could retitle or recolour the
    /// terminal): deck and note text is the user's or a stranger's, never trusted.
    static func printable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { scalar in
                    !(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) || scalar == "\t"
                }))
    }

    static func red(_ text: String) -> String { usesColour ? "\u{1B}[31m\(text)\u{1B}[0m" : text }

    /// Bold on a colour terminal, for the question being asked.
    static func bold(_ text: String) -> String {
        usesColour && isatty(STDOUT_FILENO) == 1 ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }
}

/// The C library's standard output stream, for fflush.
nonisolated(unsafe) private let cStandardOutput = stdout  // @preconcurrency import above: stdout is a C global

/// Formats seconds as m:ss.t for meters and progress.
func clock(_ seconds: Double) -> String {
    let tenths = Int((max(0, seconds) * 10).rounded(.down))
    return String(format: "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10)
}

/// A bar of `width` cells, `fraction` of them full.
func bar(_ fraction: Double, width: Int) -> String {
    let filled = max(0, min(width, Int((fraction * Double(width)).rounded())))
    return String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
}
