import Foundation
import Testing

@testable import Analysis

/// The measure catalogue is the one list: every measure is documented, named once, and reads back
/// what it writes.
@Suite struct MeasureCatalogueTests {
    static let metricsDocument = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/METRICS.md")

    @Test func everyMeasureIsDefinedInTheUsersDocumentation() throws {
        let document = try String(contentsOf: Self.metricsDocument, encoding: .utf8)
        // The table of the section on one answer's measures, up to the next section.
        let section =
            try #require(document.components(separatedBy: "## The measures of one answer").dropFirst().first)
            .components(separatedBy: "\n## ").first ?? ""
        let documented = section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
        }
        #expect(documented == FluencyMeasure.all.map(\.key))
    }

    @Test func keysAndColumnsAreUnique() {
        #expect(Set(FluencyMeasure.all.map(\.key)).count == FluencyMeasure.all.count)
        #expect(Set(FluencyMeasure.all.map(\.column)).count == FluencyMeasure.all.count)
    }

    @Test func everyMeasureReadsBackWhatItWrites() {
        let runs = [TimeSpan(start: 1, end: 4), TimeSpan(start: 5.5, end: 9)]
        let original = FluencyMetrics(
            duration: 10, runs: runs, pauses: [TimeSpan(start: 4, end: 5.5)], syllables: [1, 2, 3, 6, 7],
            minimumPause: 0.25)
        var copy = FluencyMetrics.empty
        for measure in FluencyMeasure.all { measure.set(measure.value(in: original), in: &copy) }
        #expect(copy == original)
    }
}
