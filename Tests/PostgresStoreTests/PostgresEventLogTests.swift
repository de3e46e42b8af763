import Foundation
import Logging
import PostgresNIO
import PostgresStore
import SwitchboardCore
import Testing

struct PostgresEventLogTests {
    static let logger = Logger(label: "test.events")

    static func draft(_ number: Int64) -> EventDraft {
        EventDraft(
            .operatorSessionsRevoked,
            at: Date(timeIntervalSince1970: 1_800_000_000.125 + Double(number)),
            payload: .sessionsRevoked(SessionsRevokedPayload(operatorID: OperatorID(number)))
        )
    }

    @Test func appendedEventsReadBackEqualAndNumberedInOrder() async throws {
        try await FreshDatabase.with { fresh in
            let log = PostgresEventLog(fresh.database)
            #expect(try await log.latestSeq() == 0)
            let appended = try await fresh.database.withTransaction { connection in
                try await PostgresEventLog.append((1...3).map(Self.draft), on: connection, logger: Self.logger)
            }
            #expect(appended.map(\.seq) == [1, 2, 3])
            #expect(appended[0].payload == #"{"operatorID":1}"#)
            #expect(try await log.events(after: 0, limit: 10) == appended)
            #expect(try await log.events(after: 1, limit: 1) == [appended[1]])
            #expect(try await log.latestSeq() == 3)
        }
    }

    /// The trap of concurrent appenders: `seq` 1 is drawn by a transaction still open when the one
    /// that drew 2 wants to commit. If 2 became visible first, a reader would deliver it, move its
    /// cursor past 1 and lose 1 for ever. The append lock makes the second transaction wait.
    @Test func aLaterAppendCannotCommitBeforeAnEarlierOneSoReadersNeverSkipANumber() async throws {
        try await FreshDatabase.with { fresh in
            let log = PostgresEventLog(fresh.database)
            let (firstAppended, signalAppended) = AsyncStream<Void>.makeStream()
            let (release, signalRelease) = AsyncStream<Void>.makeStream()
            let first = Task {
                try await fresh.database.withTransaction { connection in
                    let events = try await PostgresEventLog.append([Self.draft(1)], on: connection, logger: Self.logger)
                    signalAppended.yield()
                    for await _ in release { break }
                    return events
                }
            }
            for await _ in firstAppended { break }
            let second = Task {
                try await fresh.database.withTransaction { connection in
                    try await PostgresEventLog.append([Self.draft(2)], on: connection, logger: Self.logger)
                }
            }
            // Every chance for the second transaction to commit ahead of the first.
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await log.events(after: 0, limit: 10) == [], "nothing is visible while the first appender is open")
            signalRelease.yield()
            let (early, late) = (try await first.value, try await second.value)
            #expect(early[0].seq < late[0].seq)
            #expect(try await log.events(after: 0, limit: 10) == early + late)
        }
    }

    @Test func aRolledBackAppendLeavesAGapThatNothingFillsLater() async throws {
        struct Abandon: Error {}
        try await FreshDatabase.with { fresh in
            let log = PostgresEventLog(fresh.database)
            await #expect(throws: Abandon.self) {
                try await fresh.database.withTransaction { connection in
                    _ = try await PostgresEventLog.append([Self.draft(1)], on: connection, logger: Self.logger)
                    throw Abandon()
                }
            }
            let kept = try await fresh.database.withTransaction { connection in
                try await PostgresEventLog.append([Self.draft(2)], on: connection, logger: Self.logger)
            }
            #expect(kept.map(\.seq) == [2])
            #expect(try await log.events(after: 0, limit: 10) == kept)
            #expect(try await log.latestSeq() == 2)
        }
    }
}
