import Analysis
import Foundation
import GRDB

/// Which answers a report looks at.
public struct ReportFilter: Sendable {
    public var since: Date?
    public var until: Date?
    public var deck: String?
    public var promptId: String?
    /// One session only.
    public var session: String?
    /// The prompts of `deck`: with `deck`, answers to these count wherever they were given (an
    /// imported answer belongs to no practice deck but answers the deck's question).
    public var deckPromptIds: [String] = []
    /// Leave out answers whose latest analysed take the detector judged unreliable (other voices in
    /// the background, a very noisy room); takes without a verdict (older detector) stay in.
    public var trustworthyOnly = false
    /// Only practice sessions, or only mock interviews.
    public var kind: PracticeSession.Kind?

    public init(
        since: Date? = nil, until: Date? = nil, deck: String? = nil, promptId: String? = nil, session: String? = nil
    ) {
        self.since = since
        self.until = until
        self.deck = deck
        self.promptId = promptId
        self.session = session
    }

    /// The filter as SQL conditions on the `session`, `answer` and (latest analysed) `take` tables
    /// ("1" when it keeps all).
    func sqlConditions() -> (sql: String, arguments: StatementArguments) {
        var conditions = ["1"]
        var arguments: [any DatabaseValueConvertible] = []
        if let since { conditions.append("session.startedAt >= ?"); arguments.append(since) }
        if let until { conditions.append("session.startedAt <= ?"); arguments.append(until) }
        if let deck {
            let placeholders = Array(repeating: "?", count: deckPromptIds.count).joined(separator: ", ")
            conditions.append(
                deckPromptIds.isEmpty
                    ? "session.deck = ?" : "(session.deck = ? OR answer.promptId IN (\(placeholders)))")
            arguments.append(deck)
            arguments.append(contentsOf: deckPromptIds)
        }
        if let promptId { conditions.append("answer.promptId = ?"); arguments.append(promptId) }
        if let session { conditions.append("session.id = ?"); arguments.append(session) }
        if let kind { conditions.append("session.kind = ?"); arguments.append(kind.rawValue) }
        if trustworthyOnly {
            conditions.append(
                "(take.backgroundSpeech IS NULL OR take.backgroundSpeech = 0) AND (take.signalToNoise IS NULL OR take.signalToNoise >= ?)"
            )
            arguments.append(Reliability.noisyBelow)
        }
        return (conditions.joined(separator: " AND "), StatementArguments(arguments))
    }
}

/// One session's hesitation in numbers, over the latest take of each of its answers.
public struct SessionSummary: Sendable, Equatable, Codable {
    public var session: String
    public var startedAt: Date
    public var answers: Int
    /// Seconds.
    public var speakingTime: Double
    /// Seconds, mean over answers.
    public var meanLatency: Double?
    /// All pauses over all speaking time, per minute.
    public var pausesPerMinute: Double?
    /// Seconds spent in pauses per minute of answering (from first to last word, over all
    /// answers): grows with more pauses and with longer ones, so it shows hesitation that a pause
    /// count misses.
    public var pauseTimePerMinute: Double?
    /// Seconds, over all pauses.
    public var meanPause: Double?
    public var longestPause: Double?
    /// Mean over answers, 0…1.
    public var phonationTimeRatio: Double?
    /// Syllables per second, mean over answers.
    public var speechRate: Double?
    /// Mean self-rating, 1…5.
    public var rating: Double?
    /// Filled pauses over speaking time, per minute, in the answers where they were looked for; nil
    /// when none was (measured before detector version 3, or with `--no-fillers`).
    public var filledPausesPerMinute: Double? = nil
    /// Freezes per answer, over the answers where they were counted; nil when none was.
    public var freezesPerAnswer: Double? = nil
}

extension SessionStore {
    /// One summary per session with analysed answers matching `filter`, oldest first: computed in
    /// SQL from the stored measures, never by re-analysing audio.
    public func sessionSummaries(_ filter: ReportFilter = ReportFilter()) throws -> [SessionSummary] {
        let (conditions, arguments) = filter.sqlConditions()
        let sql = """
            SELECT session.id AS session, session.startedAt AS startedAt,
                   COUNT(*) AS answers,
                   SUM(take.speakingTime) AS speakingTime,
                   AVG(take.responseLatency) AS meanLatency,
                   CASE WHEN SUM(take.speakingTime) > 0 THEN SUM(take.pauseCount) * 60.0 / SUM(take.speakingTime) END AS pausesPerMinute,
                   CASE WHEN SUM(take.pauseCount) > 0 THEN SUM(take.totalPauseTime) / SUM(take.pauseCount) END AS meanPause,
                   CASE WHEN SUM(take.speakingTime + take.totalPauseTime) > 0
                        THEN SUM(take.totalPauseTime) * 60.0 / SUM(take.speakingTime + take.totalPauseTime) END AS pauseTimePerMinute,
                   MAX(take.longestPause) AS longestPause,
                   AVG(take.phonationTimeRatio) AS phonationTimeRatio,
                   AVG(take.speechRate) AS speechRate,
                   AVG(answer.rating) AS rating,
                   SUM(take.filledPauseCount) * 60.0
                       / NULLIF(SUM(CASE WHEN take.filledPauseCount IS NOT NULL THEN take.speakingTime END), 0)
                       AS filledPausesPerMinute,
                   AVG(take.freezeCount) AS freezesPerAnswer
            FROM latestAnalysedTake take
            JOIN answer ON answer.id = take.answerId
            JOIN session ON session.id = answer.sessionId
            WHERE \(conditions)
            GROUP BY session.id
            ORDER BY session.startedAt
            """
        return try databaseReader.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                SessionSummary(
                    session: row["session"], startedAt: row["startedAt"], answers: row["answers"],
                    speakingTime: row["speakingTime"] ?? 0, meanLatency: row["meanLatency"],
                    pausesPerMinute: row["pausesPerMinute"], pauseTimePerMinute: row["pauseTimePerMinute"],
                    meanPause: row["meanPause"], longestPause: row["longestPause"],
                    phonationTimeRatio: row["phonationTimeRatio"],
                    speechRate: row["speechRate"], rating: row["rating"],
                    filledPausesPerMinute: row["filledPausesPerMinute"], freezesPerAnswer: row["freezesPerAnswer"])
            }
        }
    }

    /// Every take, oldest first, failed analyses included, with its session and answer: for export.
    public func exportRows() throws -> [(session: PracticeSession, answer: Answer, take: Take)] {
        try databaseReader.read { db in
            try Self.withAnswers(try Take.order(Take.Columns.recordedAt).fetchAll(db), db)
        }
    }

    /// The latest analysed take (the `latestAnalysedTake` view) of every answer matching `filter`,
    /// with its session and answer, in session and answer order.
    /// How many answers matching `filter` were last measured by an older version of the detector.
    public func answersMeasuredByOlderDetector(_ filter: ReportFilter = ReportFilter()) throws -> Int {
        try countLatestTakes(filter, where: "take.detectorVersion < ?", [AnswerAnalysis.detectorVersion])
    }

    /// How many answers matching `filter` have a latest take the detector cautioned about (other
    /// voices in the background, a very noisy room): the ones `trustworthyOnly` leaves out.
    public func answersWithCautions(_ filter: ReportFilter = ReportFilter()) throws -> Int {
        try countLatestTakes(
            filter, where: "(take.backgroundSpeech = 1 OR take.signalToNoise < ?)", [Reliability.noisyBelow])
    }

    private func countLatestTakes(
        _ filter: ReportFilter, where condition: String, _ values: [any DatabaseValueConvertible]
    ) throws -> Int {
        let (conditions, arguments) = filter.sqlConditions()
        return try databaseReader.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM latestAnalysedTake take
                    JOIN answer ON answer.id = take.answerId JOIN session ON session.id = answer.sessionId
                    WHERE \(condition) AND \(conditions)
                    """, arguments: StatementArguments(values) + arguments) ?? 0
        }
    }

    public func latestAnalysedTakes(
        _ filter: ReportFilter = ReportFilter()
    ) throws -> [(session: PracticeSession, answer: Answer, take: Take)] {
        let (conditions, arguments) = filter.sqlConditions()
        return try databaseReader.read { db in
            let takes = try Take.fetchAll(
                db,
                sql: """
                    SELECT take.* FROM latestAnalysedTake take
                    JOIN answer ON answer.id = take.answerId JOIN session ON session.id = answer.sessionId
                    WHERE \(conditions) ORDER BY session.startedAt, answer.position
                    """, arguments: arguments)
            return try Self.withAnswers(takes, db)
        }
    }

    private static func withAnswers(
        _ takes: [Take], _ db: Database
    ) throws -> [(session: PracticeSession, answer: Answer, take: Take)] {
        let sessions = Dictionary(uniqueKeysWithValues: try PracticeSession.fetchAll(db).map { ($0.id, $0) })
        let answers = Dictionary(uniqueKeysWithValues: try Answer.fetchAll(db).map { ($0.id!, $0) })
        return takes.compactMap { take in
            guard let answer = answers[take.answerId], let session = sessions[answer.sessionId] else { return nil }
            return (session, answer, take)
        }
    }

    /// The prompt ids answered at least once, and the decks practised from, sorted: what a report
    /// can be narrowed to.
    public func answeredPromptsAndDecks() throws -> (prompts: [String], decks: [String]) {
        try databaseReader.read { db in
            (
                try String.fetchAll(db, sql: "SELECT DISTINCT promptId FROM answer ORDER BY promptId"),
                try String.fetchAll(db, sql: "SELECT DISTINCT deck FROM session WHERE deck IS NOT NULL ORDER BY deck")
            )
        }
    }

    /// Answers that have at least one take, and takes, per session id.
    public func answerAndTakeCounts() throws -> [String: (answers: Int, takes: Int)] {
        try databaseReader.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT answer.sessionId AS session, COUNT(DISTINCT answer.id) AS answers, COUNT(take.id) AS takes
                    FROM answer JOIN take ON take.answerId = answer.id GROUP BY answer.sessionId
                    """)
            var counts: [String: (answers: Int, takes: Int)] = [:]
            for row in rows { counts[row["session"]] = (row["answers"], row["takes"]) }
            return counts
        }
    }

    /// Every silent pause, filled pause and freeze of every take, by take id, in one query (for
    /// reports that draw timelines).
    public func hesitationsByTake() throws -> [Int64: [Segment]] {
        try databaseReader.read { db in
            Dictionary(
                grouping: try Segment.filter(
                    [Segment.Kind.pause, .filledPause, .freeze].map(\.rawValue).contains(Column("kind"))
                )
                .order(Column("start")).fetchAll(db), by: \.takeId)
        }
    }
}

/// How a session went right after an unexpected question: hesitation in the answers that follow a
/// curveball prompt, against the user's other answers in the same session.
public struct CurveballRecovery: Sendable, Equatable {
    public var session: String
    public var startedAt: Date
    /// Seconds in pauses per minute of answering, in answers asked straight after a curveball.
    public var afterCurveball: Double
    /// The same in the session's other answers (neither a curveball nor right after one).
    public var baseline: Double

    /// afterCurveball / baseline: 1 means no lasting effect, 1.5 means 50 % more time in pauses after a curveball.
    public var ratio: Double? { baseline > 0 ? afterCurveball / baseline : nil }
}

extension SessionStore {
    /// Sessions that have both an answer right after a curveball and a baseline answer, oldest
    /// first; one SQL query, like the other reports.
    public func curveballRecovery(_ filter: ReportFilter = ReportFilter()) throws -> [CurveballRecovery] {
        var sessionFilter = filter
        // Recovery is about whole sessions: never one prompt, and a deck means the session's deck.
        sessionFilter.promptId = nil
        sessionFilter.deckPromptIds = []
        let (conditions, arguments) = sessionFilter.sqlConditions()
        let sql = """
            WITH latest AS (
                SELECT answer.sessionId, answer.position, take.totalPauseTime, take.speakingTime
                FROM answer JOIN latestAnalysedTake take ON take.answerId = answer.id
                WHERE answer.category <> 'curveball' AND take.speakingTime > 0
            ), flagged AS (
                SELECT latest.*, EXISTS (SELECT 1 FROM answer previous WHERE previous.sessionId = latest.sessionId
                                         AND previous.position = latest.position - 1 AND previous.category = 'curveball') AS afterCurveball
                FROM latest
            )
            SELECT session.id AS session, session.startedAt AS startedAt,
                   SUM(CASE WHEN afterCurveball THEN totalPauseTime END) * 60.0
                       / SUM(CASE WHEN afterCurveball THEN speakingTime + totalPauseTime END) AS afterRate,
                   SUM(CASE WHEN NOT afterCurveball THEN totalPauseTime END) * 60.0
                       / SUM(CASE WHEN NOT afterCurveball THEN speakingTime + totalPauseTime END) AS usualRate
            FROM flagged JOIN session ON session.id = flagged.sessionId
            WHERE \(conditions)
            GROUP BY session.id
            HAVING afterRate IS NOT NULL AND usualRate IS NOT NULL
            ORDER BY session.startedAt
            """
        return try databaseReader.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { row in
                guard let after: Double = row["afterRate"], let usual: Double = row["usualRate"] else { return nil }
                return CurveballRecovery(
                    session: row["session"], startedAt: row["startedAt"], afterCurveball: after, baseline: usual)
            }
        }
    }
}
