import Foundation
import MessengerFakes
import SQLiteStore
import SwitchboardApp
import SwitchboardCore
import SwitchboardEngine
import TestSupport
import Testing

@Suite struct ViberPersonaTests {
    let olena = FakeViber.User(id: "Ol3na+/kovalenko==", name: "Olena", avatar: "https://viber.test/olena.jpg", language: "uk", country: "UA")

    @Test func clientSeesTheBotThenTheAssignedOperatorThenTheNewOneAfterATransfer() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        try await harness.serving { switchboard in
            // Given a client who opened the chat (welcome under the bot persona) and wrote.
            let opened = try await harness.viber.userOpensChat(bot: ViberAppHarness.token, user: olena)
            #expect(opened.welcome?.senderName == "Acme Support")
            #expect(opened.welcome?.senderAvatar == harness.logoURL)
            try await harness.viber.userSends(bot: ViberAppHarness.token, user: olena, message: .text("Where is my order?"))
            let conversation = ConversationID(1)
            #expect(try await switchboard.store.conversation(conversation)?.assigneeID == nil)
            let maria = try await switchboard.store.createOperator(
                OperatorDraft(
                    login: "maria",
                    displayName: "Maria Kovalenko-Shevchenko of Billing",
                    role: .operator,
                    avatarURL: harness.baseURL + "/avatars/maria.jpg"
                ),
                at: Date()
            )
            let taras = try await switchboard.store.createOperator(
                OperatorDraft(login: "taras", displayName: "Taras", role: .supervisor, avatarURL: harness.baseURL + "/avatars/taras.png"),
                at: Date()
            )

            // When Maria takes the conversation and answers.
            _ = try await switchboard.store.assign(conversation, to: maria.id, by: maria.id, note: nil, at: Date())
            let first = try await switchboard.replies.send(ReplyDraft(conversationID: conversation, operatorID: maria.id, text: "Let me check."))
            let sentByMaria = try await sent(harness, count: 1)
            // Then the client sees Maria's name (cut to Viber's 28 characters) and photo.
            #expect(sentByMaria.senderName == "Maria Kovalenko-Shevchenko o")
            #expect(sentByMaria.senderAvatar == harness.baseURL + "/avatars/maria.jpg")
            #expect(sentByMaria.trackingData == String(first.id.rawValue))

            // When Maria transfers the conversation to Taras, the client sees Taras from then on.
            _ = try await switchboard.store.assign(conversation, to: taras.id, by: maria.id, note: "billing question", at: Date())
            _ = try await switchboard.replies.send(ReplyDraft(conversationID: conversation, operatorID: taras.id, text: "Taras here."))
            let sentByTaras = try await sent(harness, count: 2)
            #expect(sentByTaras.senderName == "Taras")
            #expect(sentByTaras.senderAvatar == harness.baseURL + "/avatars/taras.png")
            #expect(sentByTaras.text == "Taras here.")
        }
    }

    @Test func deliveredAndSeenReceiptsMoveOurMessageForwardAndArePublished() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        try await harness.serving { switchboard in
            try await harness.viber.userSends(bot: ViberAppHarness.token, user: olena, message: .text("hello"))
            let maria = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
            let reply = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: maria.id, text: "Hi!"))
            let token = try await sent(harness, count: 1).messageToken
            try await eventually("sent recorded") { try await state(switchboard, reply.id) == .sent }
            let subscription = try await switchboard.bus.subscribe(after: try await switchboard.store.latestSeq())

            // Viber reports delivered, then seen; a late `delivered` after `seen` must not move it back.
            #expect(try await harness.viber.delivered(bot: ViberAppHarness.token, user: olena, messageToken: token).acknowledged)
            try await eventually("delivered") { try await state(switchboard, reply.id) == .delivered }
            #expect(try await harness.viber.seen(bot: ViberAppHarness.token, user: olena, messageToken: token).acknowledged)
            try await eventually("seen") { try await state(switchboard, reply.id) == .seen }
            #expect(try await stored(switchboard, reply.id)?.externalID == String(token))

            var published: [String] = []
            for try await event in subscription where event.kind == .messageDelivery && event.messageID == reply.id {
                published.append(event.payload)
                if published.count == 2 { break }
            }
            await subscription.cancel()
            #expect(published[0].contains(#""state":"delivered""#))
            #expect(published[1].contains(#""state":"seen""#))
        }
    }

    @Test func unsubscribedReceiverFailsTheReplyWithTheReasonAndMarksTheClientUnreachable() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()
        try await harness.serving { switchboard in
            try await harness.viber.userSends(bot: ViberAppHarness.token, user: olena, message: .text("hello"))
            // The client unsubscribes without Switchboard hearing of it (a lost callback).
            try await harness.viber.addUser(bot: ViberAppHarness.token, user: olena, subscribed: false)
            let maria = try await switchboard.store.createOperator(OperatorDraft(login: "maria", displayName: "Maria", role: .operator), at: Date())
            let reply = try await switchboard.replies.send(ReplyDraft(conversationID: ConversationID(1), operatorID: maria.id, text: "Hi?"))

            try await eventually("failed") { try await state(switchboard, reply.id) == .failed }
            #expect(try await stored(switchboard, reply.id)?.failureReason?.contains("notSubscribed") == true)
            #expect(try await switchboard.store.identities(of: ContactID(1)).first?.isReachable == false)
            #expect(await harness.viber.calls(bot: ViberAppHarness.token, method: "send_message").count == 1)
        }
    }

    func sent(_ harness: ViberAppHarness, count: Int) async throws -> FakeViber.SentMessage {
        var messages: [FakeViber.SentMessage] = []
        try await eventually("\(count) sent") {
            messages = await harness.viber.sentMessages(bot: ViberAppHarness.token).filter { !$0.isWelcome }
            return messages.count >= count
        }
        return messages[count - 1]
    }

    func stored(_ switchboard: Switchboard, _ id: MessageID) async throws -> Message? {
        try await switchboard.store.messages(in: ConversationID(1)).first { $0.id == id }
    }

    func state(_ switchboard: Switchboard, _ id: MessageID) async throws -> DeliveryState? {
        try await stored(switchboard, id)?.deliveryState
    }
}
