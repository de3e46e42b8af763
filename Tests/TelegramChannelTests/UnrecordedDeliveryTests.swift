import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardCore
import SwitchboardEngine
import TelegramChannel
import TestSupport
import Testing

/// A send whose result the store cannot record is not sent again every lease period: it ends failed, visibly.
@Suite struct UnrecordedDeliveryTests {
    let token = TelegramHarness.token

    @Test func aSentReplyWhoseResultCannotBeRecordedIsSentOnceAndEndsFailed() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        // Given a store that refuses to record "sent" (say a constraint on the messenger's id)
        let store = UnrecordableDeliveryStore(wrapping: harness.fixture.store) { report, _ in
            if case .sent = report { return true }
            return false
        }
        let outbound = OutboundHarness(base: harness, clock: clock, store: store)
        let chat = TelegramHarness.user(31).id
        let conversation = try await outbound.conversation(chatID: chat)
        let reply = try await outbound.reply("Your order shipped", in: conversation, at: clock.now())

        // When the dispatcher sends it, and keeps running for several lease periods
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        for _ in 0..<3 {
            clock.advance(by: 61)
            try await outbound.dispatcher.dispatchDue()
        }

        // Then the client got it once, and the operator sees it failed with the reason
        #expect(await harness.telegram.sentMessages(bot: token, chatId: chat).count == 1)
        let (state, reason) = try await outbound.state(of: reply, in: conversation)
        #expect(state == .failed)
        #expect(reason?.hasPrefix("could not record delivery result") == true)
        let events = try await harness.fixture.store.events(after: 0, limit: 1000)
        #expect(events.contains { $0.kind == .messageDelivery && $0.messageID == reply && $0.payload.contains("\"failed\"") })
        #expect(store.recordAttempts.count == 4)
    }

    @Test func aResultNoWriteCouldRecordIsKeptAndRecordedOnTheNextClaimWithoutSendingAgain() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded()))
        // Given a store whose every delivery write fails for a while (a full disk): three tries, three fallbacks
        let store = UnrecordableDeliveryStore(wrapping: harness.fixture.store) { _, earlier in earlier < 6 }
        let outbound = OutboundHarness(base: harness, clock: clock, store: store)
        let chat = TelegramHarness.user(32).id
        let conversation = try await outbound.conversation(chatID: chat)
        let reply = try await outbound.reply("Your order shipped", in: conversation, at: clock.now())
        #expect(try await outbound.dispatcher.dispatchDue() == 1)
        #expect(try await outbound.state(of: reply, in: conversation).0 == .queued)

        // When the disk has room again and the lease runs out
        clock.advance(by: 61)
        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        // Then the row was recorded from memory, not sent again, and shows as failed
        #expect(await harness.telegram.sentMessages(bot: token, chatId: chat).count == 1)
        let (state, reason) = try await outbound.state(of: reply, in: conversation)
        #expect(state == .failed)
        #expect(reason?.contains("the messenger had accepted it") == true)
        clock.advance(by: 61)
        #expect(try await outbound.dispatcher.dispatchDue() == 0)
    }

    @Test func aResultRecordedOnASecondTryIsSentAsUsual() async throws {
        let harness = try await TelegramHarness()
        defer { Task { await harness.stop() } }
        let store = UnrecordableDeliveryStore(wrapping: harness.fixture.store) { _, earlier in earlier < 1 }
        let outbound = OutboundHarness(base: harness, store: store)
        let chat = TelegramHarness.user(33).id
        let conversation = try await outbound.conversation(chatID: chat)
        let reply = try await outbound.reply("Your order shipped", in: conversation)

        #expect(try await outbound.dispatcher.dispatchDue() == 1)

        #expect(await harness.telegram.sentMessages(bot: token, chatId: chat).count == 1)
        #expect(try await outbound.state(of: reply, in: conversation).0 == .sent)
    }
}
