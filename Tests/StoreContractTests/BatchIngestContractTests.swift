import Foundation
import SwitchboardCore
import Testing

/// Group commit at the store: a batch is one transaction, and each event in it stands alone.
@Suite struct BatchIngestContractTests {
    @Test(arguments: StoreFactory.all)
    func aBatchStoresEveryEventInOrderWithItsOwnEvents(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let batch = (0..<5).map { desk.text("m\($0)", from: "u-\($0 % 2)", at: desk.at(Double($0)), delivery: "d\($0)") }

            let seq = try await desk.store.latestSeq()
            let results = try await desk.store.ingest(batch)

            let ingested = try results.map { result -> IngestResult in
                guard case .new(let ingested) = try result.get() else { throw StoreError.invalid("duplicate") }
                return ingested
            }
            let log = try await desk.store.events(after: seq, limit: 100)
            #expect(ingested.flatMap(\.events) == log)
            #expect(log.map(\.seq) == log.map(\.seq).sorted())
            #expect(try await desk.texts(try #require(ingested[0].conversationID)) == ["m0", "m2", "m4"])
            #expect(try await desk.texts(try #require(ingested[1].conversationID)) == ["m1", "m3"])
        }
    }

    @Test(arguments: StoreFactory.all)
    func aFailingEventRollsBackAloneAndTheOthersCommit(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let batch = [
                desk.text("before", at: desk.at(0), delivery: "a"),
                desk.text("nowhere", on: ChannelID(999), at: desk.at(1), delivery: "b"),
                desk.text("after", at: desk.at(2), delivery: "c"),
            ]

            let seq = try await desk.store.latestSeq()
            let results = try await desk.store.ingest(batch)

            #expect(throws: StoreError.notFound("channel \(ChannelID(999))")) { try results[1].get() }
            guard case .new(let first) = try results[0].get(), case .new(let last) = try results[2].get() else {
                throw StoreError.invalid("expected both good events to be new")
            }
            #expect(first.conversationID == last.conversationID)
            #expect(try await desk.texts(try #require(first.conversationID)) == ["before", "after"])
            #expect(try await desk.store.events(after: seq, limit: 100) == first.events + last.events)
        }
    }

    @Test(arguments: StoreFactory.all)
    func twoDeliveriesOfOneUpdateInABatchAreNewThenDuplicate(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let update = desk.text("once", at: desk.at(0), delivery: "same", messageID: "1")
            let retry = desk.text("once", at: desk.at(1), delivery: "retry", messageID: "1")

            let seq = try await desk.store.latestSeq()
            let results = try await desk.store.ingest([update, update, retry])

            guard case .new(let ingested) = try results[0].get() else { throw StoreError.invalid("first must be new") }
            #expect(try results[1].get() == .duplicate)
            #expect(try results[2].get() == .duplicate)
            #expect(try await desk.texts(try #require(ingested.conversationID)) == ["once"])
            #expect(try await desk.store.events(after: seq, limit: 100) == ingested.events)
        }
    }

    @Test(arguments: StoreFactory.all)
    func anEmptyBatchDoesNothing(_ factory: StoreFactory) async throws {
        try await Desk.run(factory) { desk in
            let seq = try await desk.store.latestSeq()
            #expect(try await desk.store.ingest([]).isEmpty)
            #expect(try await desk.store.latestSeq() == seq)
        }
    }
}
