import Foundation
import Yams

/// One interview question.
public struct Prompt: Sendable, Equatable, Codable {
    /// Stable across edits of the wording, so answers to it can be compared over time.
    public var id: String
    public var text: String
    public var category: String
    /// Seconds to think before recording starts; nil for the practice default.
    public var thinkTime: Double?
    /// Longest answer in seconds; nil for the practice default.
    public var answerLimit: Double?

    /// The longest think time or answer limit a deck may set, in seconds (a day).
    public static let longestTime = 86_400.0
    /// The longest prompt id, in characters: ids become parts of file names.
    public static let longestID = 100

    public init(id: String, text: String, category: String, thinkTime: Double? = nil, answerLimit: Double? = nil) {
        self.id = id
        self.text = text
        self.category = category
        self.thinkTime = thinkTime
        self.answerLimit = answerLimit
    }
}

/// A named set of prompts, from one YAML file in `Prompts/`.
public struct Deck: Sendable, Equatable {
    /// The file name without `.yaml`: what `--deck` takes.
    public var name: String
    public var title: String
    public var prompts: [Prompt]
    /// The file it came from.
    public var path: String
}

/// A deck file that could not be read, with where the problem is.
public struct DeckError: Error, Equatable, CustomStringConvertible {
    public let path: String
    /// 1-based line, when known.
    public let line: Int?
    public let reason: String

    public var description: String {
        "deck '\(path)'\(line.map { ", line \($0)" } ?? ""): \(reason)"
    }
}

/// Reads decks: YAML files shaped like
/// ```yaml
/// title: Situational questions
/// category: situational          # default for prompts that name none
/// prompts:
///   - id: first-90-days
///     text: What would you do in your first 90 days if we hired you?
///     think: 20                  # optional, seconds
///     limit: 150                 # optional, seconds
/// ```
public enum DeckLoader {
    /// Every `*.yaml` / `*.yml` deck in `folder`, by name, plus the errors of those that failed; one
    /// bad deck does not stop the others.
    public static func loadAll(from folder: String) -> (decks: [Deck], errors: [DeckError]) {
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
        var decks: [Deck] = []
        var errors: [DeckError] = []
        for file in files {
            do {
                decks.append(try load(path: (folder as NSString).appendingPathComponent(file)))
            } catch {
                errors.append(error)
            }
        }
        var seen: [String: String] = [:]
        for deck in decks {
            for prompt in deck.prompts {
                if let other = seen[prompt.id], other != deck.path {
                    errors.append(
                        DeckError(
                            path: deck.path, line: nil,
                            reason: "prompt id '\(prompt.id)' is also used in '\(other)'; ids must be unique"))
                }
                seen[prompt.id] = deck.path
            }
        }
        return (decks, errors)
    }

    /// Reads one deck file.
    public static func load(path: String) throws(DeckError) -> Deck {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw DeckError(path: path, line: nil, reason: "cannot read the file (missing, unreadable or not UTF-8)")
        }
        return try parse(text, path: path)
    }

    /// Parses deck text; `path` names it in errors and gives the deck its name.
    public static func parse(_ text: String, path: String) throws(DeckError) -> Deck {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw DeckError(path: path, line: nil, reason: "the file is empty")
            }
            root = node
        } catch let error as DeckError {
            throw error
        } catch let error as YamlError {
            throw DeckError(
                path: path, line: Self.line(of: error), reason: "not valid YAML: \(Self.problem(of: error))")
        } catch {
            throw DeckError(path: path, line: nil, reason: "not valid YAML: \(error)")
        }
        guard let mapping = root.mapping else {
            throw DeckError(
                path: path, line: root.mark.map { $0.line }, reason: "expected keys 'title' and 'prompts' at the top")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let title = mapping["title"]?.string ?? name
        let defaultCategory = mapping["category"]?.string ?? name
        guard let list = mapping["prompts"]?.sequence else {
            throw DeckError(
                path: path, line: root.mark.map { $0.line }, reason: "missing 'prompts:', a list of prompts")
        }
        var prompts: [Prompt] = []
        var ids = Set<String>()
        for item in list {
            let line = item.mark?.line
            guard let fields = item.mapping else {
                throw DeckError(path: path, line: line, reason: "each prompt needs 'id' and 'text'")
            }
            guard let id = fields["id"]?.string, !id.isEmpty else {
                throw DeckError(path: path, line: line, reason: "a prompt has no 'id'")
            }
            guard id.unicodeScalars.count <= Prompt.longestID else {
                throw DeckError(
                    path: path, line: line,
                    reason: "prompt id '\(id.prefix(20))…' is longer than \(Prompt.longestID) characters")
            }
            guard id.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" })
            else {
                throw DeckError(
                    path: path, line: line, reason: "prompt id '\(id)' may only hold letters, digits, '-' and '_'")
            }
            guard let text = fields["text"]?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else {
                throw DeckError(path: path, line: line, reason: "prompt '\(id)' has no 'text'")
            }
            guard ids.insert(id).inserted else {
                throw DeckError(path: path, line: line, reason: "prompt id '\(id)' appears twice")
            }
            let think = try seconds(fields["think"], key: "think", prompt: id, path: path, line: line)
            let limit = try seconds(fields["limit"], key: "limit", prompt: id, path: path, line: line)
            prompts.append(
                Prompt(
                    id: id, text: text.trimmingCharacters(in: .whitespacesAndNewlines),
                    category: fields["category"]?.string ?? defaultCategory, thinkTime: think, answerLimit: limit))
        }
        guard !prompts.isEmpty else { throw DeckError(path: path, line: nil, reason: "the deck has no prompts") }
        return Deck(name: name, title: title, prompts: prompts, path: path)
    }

    private static func seconds(
        _ node: Node?, key: String, prompt: String, path: String, line: Int?
    ) throws(DeckError) -> Double? {
        guard let node else { return nil }
        guard let value = node.float.map({ Double($0) }) ?? node.int.map({ Double($0) }), value.isFinite, value > 0,
            value <= Prompt.longestTime
        else {
            throw DeckError(
                path: path, line: node.mark?.line ?? line,
                reason:
                    "prompt '\(prompt)': '\(key)' must be a positive number of seconds, at most \(Int(Prompt.longestTime))"
            )
        }
        return value
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
