import Foundation
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

/// The running service follows the bus, and skips the wake-ups of events a round already handled;
/// these tests show that the skip never leaves an event unhandled.
@Suite struct AutomationRunTests {
    /// Ingests a client's message and publishes its events, as the bridges do.
    func ingest(_ harness: AutomationHarness, user: String, text: String) async throws -> ConversationID? {
        let event = InboundEvent(
            channelID: harness.fixture.channel.id,
            deliveryKey: UUID().uuidString,
            sender: SenderProfile(externalID: user, displayName: "Client \(user)", language: "en"),
            occurredAt: harness.clock.now(),
            payload: .message(externalMessageID: UUID().uuidString, text: text, attachments: [], contextKey: nil)
        )
        guard case .new(let result) = try await harness.store.ingest(event) else { throw CancellationError() }
        await harness.bus.publish(result.events)
        return result.conversationID
    }

    /// Waits until the automation's cursor is at the end of the log and stays there for a moment.
    func waitUntilIdle(_ harness: AutomationHarness) async throws {
        var settledRounds = 0
        for _ in 0..<3_000 where settledRounds < 5 {
            let cursor = try await harness.store.automationCursor()
            let latest = try await harness.store.latestSeq()
            settledRounds = cursor == latest ? settledRounds + 1 : 0
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(settledRounds >= 5, "the automation never caught up with the log")
    }

    @Test(.timeLimit(.minutes(3))) func aBurstFromManyClientsIsHandledToTheLastEvent() async throws {
        let harness = try await AutomationHarness()
        let running = Task { try await harness.automation.run() }
        defer { running.cancel() }
        // Bursts while rounds are in flight: each burst's events arrive during or after a round. The
        // clock moves a minute between bursts, so each conversation's timer tells which message set it.
        var conversations: Set<ConversationID> = []
        for burst in 0..<6 {
            if burst > 0 { harness.clock.advance(by: 60) }
            conversations = try await withThrowingTaskGroup(of: ConversationID?.self) { group in
                for client in 0..<12 {
                    group.addTask { try await ingest(harness, user: "u-\(client)", text: "burst \(burst) from \(client)") }
                }
                return try await group.reduce(into: conversations) { if let id = $1 { $0.insert(id) } }
            }
        }
        try await waitUntilIdle(harness)
        #expect(conversations.count == 12)
        for conversation in conversations {
            // Every conversation got its welcome once: the opening event was handled, and only once.
            #expect(try await harness.botTexts(conversation).count == 1)
        }
        // Every client message restarted the idle time, the last burst's too.
        let idleFrom = harness.clock.now()
        let timers = try await harness.store.dueTimers(at: idleFrom.addingTimeInterval(3_600), limit: 100)
        #expect(Set(timers.map(\.conversationID)) == conversations)
        #expect(timers.allSatisfy { $0.dueAt == idleFrom.addingTimeInterval(30 * 60) })
    }
}
