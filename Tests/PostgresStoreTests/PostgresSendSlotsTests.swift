import Foundation
import PostgresStore
import SwitchboardCore
import TestSupport
import Testing

/// The shared send buckets of a Telegram bot: decisions of two instances on one bucket never
/// overwrite each other, and time is the database's.
struct PostgresSendSlotsTests {
    @Test func concurrentDecisionsOfTwoInstancesOnOneBucketAreAppliedOneAfterTheOther() async throws {
        try await FreshDatabase.with { fresh in
            let a = PostgresStore(pool: fresh.database)
            let b = PostgresStore(pool: try FreshDatabase.open(fresh.url))
            defer { b.shutdown() }
            let channel = try await a.createChannel(
                ChannelDraft(kind: .telegram, name: "tg", mode: .poll, persona: Persona(name: "Desk")),
                at: Date()
            )
            // Each decision adds one to the bucket's time: a lost update would leave less than 80.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in [a, b] {
                    for _ in 0..<40 {
                        group.addTask {
                            try await store.decideSendSlots(channel: channel.id, buckets: [5, 0]) { arrivals, _ in
                                ([5: (arrivals[5] ?? 0) + 1, 0: 1], ())
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let seen = try await b.decideSendSlots(channel: channel.id, buckets: [5]) { arrivals, now in ([:], (arrivals[5], now)) }
            #expect(seen.0 == 80)
            #expect(abs(seen.1 - Date().timeIntervalSince1970) < 60, "the database's clock, in seconds since 1970")
        }
    }

    @Test func aBucketNeverDecidedIsFullAndBucketsOfOtherChannelsAreApart() async throws {
        try await FreshDatabase.with { fresh in
            let store = PostgresStore(pool: fresh.database)
            let one = try await store.createChannel(
                ChannelDraft(kind: .telegram, name: "one", mode: .poll, persona: Persona(name: "Desk")),
                at: Date()
            )
            let two = try await store.createChannel(
                ChannelDraft(kind: .telegram, name: "two", mode: .poll, persona: Persona(name: "Desk")),
                at: Date()
            )
            let first = try await store.decideSendSlots(channel: one.id, buckets: [7]) { arrivals, now in ([7: now + 5], arrivals) }
            #expect(first.isEmpty)
            let other = try await store.decideSendSlots(channel: two.id, buckets: [7]) { arrivals, _ in ([:], arrivals) }
            #expect(other.isEmpty)
            let again = try await store.decideSendSlots(channel: one.id, buckets: [7]) { arrivals, _ in ([:], arrivals) }
            #expect(again.keys.sorted() == [7])
        }
    }
}
