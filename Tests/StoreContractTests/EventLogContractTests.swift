import Foundation
import SwitchboardCore
import Testing

/// The event log: sequence numbers a reader can resume from without missing or reordering anything.
@Suite struct EventLogContractTests {
    @Test(arguments: StoreFactory.all)
    func anEmptyLogStartsAtZero(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { (desk: Desk) async throws in
            #expect(try await desk.store.latestSeq() == 0)
            #expect(try await desk.store.events(after: 0, limit: 100).isEmpty)
        }
    }

    @Test(arguments: StoreFactory.all)
    func readingAfterASeqPagesThroughTheLogInOrder(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            for index in 0..<4 {
                try await desk.clientWrites("m\(index)", from: "u-\(index % 2)", at: desk.at(Double(index)))
            }
            let log = try await desk.log()
            #expect(log.count == 8)

            var pages: [[Event]] = []
            var cursor: Int64 = 0
            while true {
                let page = try await desk.store.events(after: cursor, limit: 3)
                guard let last = page.last else { break }
                pages.append(page)
                cursor = last.seq
            }

            #expect(pages.map(\.count) == [3, 3, 2])
            #expect(pages.flatMap { $0 } == log)
            #expect(zip(log, log.dropFirst()).allSatisfy { $0.seq < $1.seq })
            #expect(try await desk.store.events(after: log[4].seq, limit: 100) == Array(log.dropFirst(5)))
            #expect(try await desk.store.latestSeq() == log.last?.seq)
        }
    }

    @Test(arguments: StoreFactory.all)
    func eventsCarryTheirSubjectAndTime(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let result = try await desk.clientWrites("hello", at: desk.at(7))

            let log = try await desk.log()

            #expect(log.map(\.kind) == [.contactCreated, .conversationOpened, .messageCreated])
            #expect(log.allSatisfy { $0.occurredAt == desk.at(7) && $0.contactID == result.contactID })
            #expect(log.map(\.conversationID) == [nil, result.conversationID, result.conversationID])
            #expect(log.last?.messageID == result.messageID)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aPollingReaderNeverSeesEventsOutOfOrderOrAGapFilledInLater(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let store = desk.store
            let channel = desk.channel.id
            let writers = 4
            let progress = WriterProgress()

            // Concurrent writers ingest while one reader polls `events(after:)` from its cursor.
            let seen = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for index in 0..<15 {
                            let event = desk.text("w\(writer)-\(index)", from: "writer-\(writer)", on: channel, at: desk.at(Double(index)))
                            _ = try await store.ingest(event)
                        }
                        await progress.finishOne()
                        return []
                    }
                }
                group.addTask {
                    var cursor: Int64 = 0
                    var seen: [Int64] = []
                    while true {
                        let finished = await progress.finished == writers
                        let batch = try await store.events(after: cursor, limit: 7).map(\.seq)
                        // Each read is strictly increasing and entirely after the cursor.
                        let ordered = batch == batch.sorted() && Set(batch).count == batch.count
                        let afterCursor = batch.allSatisfy { $0 > cursor }
                        #expect(ordered)
                        #expect(afterCursor)
                        // A store that breaks the rule would keep the reader polling forever: stop at the first break.
                        guard ordered, afterCursor else { return seen + batch }
                        seen += batch
                        cursor = batch.last ?? cursor
                        if finished && batch.isEmpty { return seen }
                        await Task.yield()
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }

            // Every committed event reached the reader: none committed later below its cursor.
            let log = try await desk.log().map(\.seq)
            #expect(log.count == writers * (15 + 2))
            #expect(seen == log)
        }
    }
}

/// Counts finished writers, so the reader knows when a final empty read means "caught up".
private actor WriterProgress {
    private(set) var finished = 0

    func finishOne() {
        finished += 1
    }
}
