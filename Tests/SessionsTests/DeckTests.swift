import Foundation
import Testing
import TestSupport

@testable import Sessions

@Suite struct DeckTests {
    @Test func parsesPromptsWithDefaultsAndOverrides() throws {
        let deck = try DeckLoader.parse(
            """
            title: Test deck
            category: situational
            prompts:
              - id: first-90-days
                text: What would you do in your first 90 days?
                think: 20
                limit: 150
              - id: conflict
                text: How would you handle a conflict?
                category: behavioural
            """, path: "/decks/test.yaml")
        #expect(deck.name == "test")
        #expect(deck.title == "Test deck")
        #expect(deck.prompts.map(\.id) == ["first-90-days", "conflict"])
        #expect(deck.prompts[0].category == "situational")
        #expect(deck.prompts[0].thinkTime == 20)
        #expect(deck.prompts[0].answerLimit == 150)
        #expect(deck.prompts[1].category == "behavioural")
        #expect(deck.prompts[1].thinkTime == nil)
    }

    /// A deck's times are finite and within a day; its ids fit in a file name.
    @Test(arguments: ["limit: .inf", "think: 1e300", "limit: .nan", "think: -1", "limit: 86401"])
    func impossibleTimesNameTheDeckAndLine(_ field: String) {
        do {
            _ = try DeckLoader.parse(
                "title: x\nprompts:\n  - id: a\n    text: Hello?\n    \(field)\n", path: "times.yaml")
            Issue.record("\(field) was accepted")
        } catch {
            #expect(error.path == "times.yaml")
            #expect(error.line == 5)
            #expect(error.description.contains("at most 86400"))
        }
    }

    @Test func idsTooLongForAFileNameAreRefused() {
        #expect(throws: DeckError.self) {
            try DeckLoader.parse(
                "prompts:\n  - id: \(String(repeating: "a", count: 101))\n    text: Hello?\n", path: "long.yaml")
        }
        #expect(throws: Never.self) {
            try DeckLoader.parse(
                "prompts:\n  - id: \(String(repeating: "a", count: 100))\n    text: Hello?\n", path: "ok.yaml")
        }
    }

    @Test func brokenYAMLNamesTheFileAndLine() {
        #expect(throws: DeckError.self) {
            try DeckLoader.parse("title: x\nprompts:\n  - id: a\n    text: \"unterminated\n", path: "bad.yaml")
        }
        do {
            _ = try DeckLoader.parse("title: x\nprompts:\n  - id: a\n    text: [oops\n", path: "bad.yaml")
        } catch {
            #expect(error.path == "bad.yaml")
            #expect(error.line != nil)
            #expect(error.description.hasPrefix("deck 'bad.yaml', line "))
        }
    }

    @Test func promptWithoutTextIsRejectedAtItsLine() {
        do {
            _ = try DeckLoader.parse("title: x\nprompts:\n  - id: a\n    text: Fine\n  - id: b\n", path: "d.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "deck 'd.yaml', line 5: prompt 'b' has no 'text'")
        }
    }

    @Test func duplicateIdsAndBadNumbersAreRejected() {
        #expect(throws: DeckError.self) {
            try DeckLoader.parse("prompts:\n  - {id: a, text: One}\n  - {id: a, text: Two}\n", path: "d.yaml")
        }
        #expect(throws: DeckError.self) {
            try DeckLoader.parse("prompts:\n  - {id: a, text: One, think: soon}\n", path: "d.yaml")
        }
        #expect(throws: DeckError.self) {
            try DeckLoader.parse("prompts:\n  - {id: 'has space', text: One}\n", path: "d.yaml")
        }
    }

    @Test func oneBadDeckDoesNotStopTheOthers() throws {
        let scratch = try TemporaryFolder("rehearse-decks")
        defer { withExtendedLifetime(scratch) {} }
        let folder = scratch.url
        try "title: Good\nprompts:\n  - {id: good-one, text: Hello?}\n".write(
            to: folder.appendingPathComponent("good.yaml"), atomically: false, encoding: .utf8)
        try "title: Bad\nprompts: [\n".write(
            to: folder.appendingPathComponent("bad.yaml"), atomically: false, encoding: .utf8)
        let (decks, errors) = DeckLoader.loadAll(from: folder.path)
        #expect(decks.map(\.name) == ["good"])
        #expect(errors.count == 1)
        #expect(errors.first?.path.hasSuffix("bad.yaml") == true)
    }

    /// The decks we ship: at least four, 60+ prompts, unique ids, every category the issue names.
    @Test func shippedDecksLoadCleanly() {
        let (decks, errors) = DeckLoader.loadAll(from: Paths.packageRoot.appendingPathComponent("Prompts").path)
        #expect(errors.isEmpty, "\(errors)")
        #expect(decks.count >= 4)
        let prompts = decks.flatMap(\.prompts)
        #expect(prompts.count >= 60)
        #expect(Set(prompts.map(\.id)).count == prompts.count)
        #expect(
            Set(prompts.map(\.category)).isSuperset(of: [
                "personal", "behavioural", "situational", "motivation", "curveball",
            ]))
        #expect(prompts.contains { $0.text.contains("first 90 days") })
    }
}
