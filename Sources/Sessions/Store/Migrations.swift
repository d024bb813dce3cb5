import GRDB

/// The schema, built only through named migrations so every database can be brought up to date.
enum Migrations {
    /// True for a database that holds tables but was never set up by rehearse (someone else's).
    static func isForeign(_ db: Database) throws -> Bool {
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        return !tables.isEmpty && !tables.contains("grdb_migrations")
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sessions, answers, takes, segments") { db in
            try db.create(table: "session") { t in
                t.primaryKey("id", .text)
                t.column("startedAt", .datetime).notNull()
                t.column("deck", .text)
            }
            try db.create(table: "answer") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("session", onDelete: .cascade).notNull()
                t.column("position", .integer).notNull()
                t.column("promptId", .text).notNull().indexed()
                t.column("promptText", .text).notNull()
                t.column("category", .text).notNull()
                t.column("note", .text)
                t.column("rating", .integer).check { $0 == nil || ($0 >= 1 && $0 <= 5) }
                t.uniqueKey(["sessionId", "position"])
            }
            try db.create(table: "take") { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("answer", onDelete: .cascade).notNull()
                t.column("number", .integer).notNull()
                t.column("file", .text).notNull().unique()
                t.column("recordedAt", .datetime).notNull()
                t.column("sampleRate", .integer).notNull()
                t.column("droppedFrames", .integer).notNull()
                t.column("analysisError", .text)
                t.column("duration", .double).notNull()
                for name in [
                    "speakingTime", "phonationTimeRatio", "responseLatency", "trailingSilence", "pausesPerMinute",
                    "meanPause", "medianPause", "longestPause", "totalPauseTime", "meanLengthOfRun",
                    "meanLengthOfRunSyllables", "speechRate", "articulationRate", "minimumPause",
                ] {
                    t.column(name, .double)
                }
                for name in ["pauseCount", "pausesOver1s", "pausesOver2s", "syllableCount"] {
                    t.column(name, .integer)
                }
                t.uniqueKey(["answerId", "number"])
            }
            try db.create(table: "segment") { t in
                t.belongsTo("take", onDelete: .cascade).notNull()
                t.column("kind", .text).notNull()
                t.column("start", .double).notNull()
                t.column("end", .double).notNull()
            }
        }
        migrator.registerMigration("v2: latestAnalysedTake view") { db in
            // The one definition of "an answer's latest analysed take": the highest-numbered take
            // whose analysis succeeded. A later take that could not be analysed does not hide it.
            try db.execute(
                sql: """
                    CREATE VIEW latestAnalysedTake AS
                    SELECT take.* FROM take
                    WHERE take.analysisError IS NULL
                      AND take.number = (SELECT MAX(other.number) FROM take other
                                         WHERE other.answerId = take.answerId AND other.analysisError IS NULL)
                    """)
        }
        migrator.registerMigration("v3: imported audio fingerprint") { db in
            try db.alter(table: "take") { t in t.add(column: "sourceFingerprint", .text) }
            try db.create(index: "take_sourceFingerprint", on: "take", columns: ["sourceFingerprint"])
        }
        migrator.registerMigration("v4: detector version and reliability") { db in
            // Takes stored before are version 1's; their verdict is unknown (NULL) until re-analysed.
            try db.alter(table: "take") { t in
                t.add(column: "detectorVersion", .integer).notNull().defaults(to: 1)
                t.add(column: "signalToNoise", .double)
                t.add(column: "backgroundSpeech", .boolean)
            }
        }
        migrator.registerMigration("v5: filled pauses and freezes") { db in
            // NULL for takes measured before filled pauses and freezes were looked for: unknown, not zero.
            try db.alter(table: "take") { t in
                for name in [
                    "filledPausesPerMinute", "meanFilledPause", "filledPauseTime", "hesitationTime", "longestFreeze",
                    "filledPauseStability", "freezeThreshold",
                ] {
                    t.add(column: name, .double)
                }
                t.add(column: "filledPauseCount", .integer)
                t.add(column: "freezeCount", .integer)
            }
        }
        migrator.registerMigration("v6: interview sessions") { db in
            // Every session so far was practice.
            try db.alter(table: "session") { t in
                t.add(column: "kind", .text).notNull().defaults(to: PracticeSession.Kind.practice.rawValue)
            }
        }
        return migrator
    }
}
