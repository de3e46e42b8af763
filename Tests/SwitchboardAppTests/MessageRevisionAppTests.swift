import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import Synchronization
import TestSupport
import Testing

/// Operators edit and delete sent replies through the API; the revision reaches the fake messenger.
@Suite(.serialized) struct MessageRevisionAppTests {
    static let token = ContinuityHarness.telegramToken
    let telegramUser = FakeTelegram.User(id: 5_000_000_301, firstName: "Olena", username: "olena_r", languageCode: "en")
    let viberUser = FakeViber.User(id: "olena-rev==", name: "Olena V", language: "en")

    @Test func anEditAndADeletionReachTelegramWithTheRepliesChatAndMessageIds() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            // Given a reply Telegram accepted.
            let (conversation, reply, sent) = try await sentReply(harness, maria, "Your order ships on Munday")

            // When its author fixes the typo.
            let edited = try await harness.api(
                .patch,
                "/api/v1/conversations/\(conversation)/messages/\(reply)",
                json: ["text": "Your order ships on Monday"],
                as: maria
            )
            #expect(edited.status == 200)
            #expect(edited.json["text"] as? String == "Your order ships on Monday")
            #expect(edited.json["editedAt"] != nil)

            // Then Telegram edits that very message, signed as the reply was.
            try await eventually("the edit reaches Telegram") {
                await harness.telegram.sentMessages(bot: Self.token).contains { $0.method == "editMessageText" }
            }
            let edit = try #require(await harness.telegram.sentMessages(bot: Self.token).first { $0.method == "editMessageText" })
            #expect(edit.chatId == telegramUser.id)
            #expect(edit.messageIds == sent.messageIds)
            #expect(edit.parameters["message_id"] == "\(sent.messageIds[0])")
            let shown = await harness.telegram.botMessage(bot: Self.token, chatId: telegramUser.id, messageId: sent.messageIds[0])
            #expect(shown?.text == "Maria\nYour order ships on Monday")
            let history = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages/\(reply)/edits", as: maria)
            let edits = history.json["edits"] as? [[String: Any]] ?? []
            #expect(edits.compactMap { $0["previousText"] as? String } == ["Your order ships on Munday"])
            #expect((edits.first?["editor"] as? [String: Any])?["kind"] as? String == "operator")

            // When it is deleted, Telegram deletes the same message, and the desk keeps it marked deleted.
            let deleted = try await harness.api(.delete, "/api/v1/conversations/\(conversation)/messages/\(reply)", as: maria)
            #expect(deleted.status == 200)
            #expect(deleted.json["deletedAt"] != nil)
            try await eventually("the deletion reaches Telegram") {
                await !harness.telegram.deletions(bot: Self.token).isEmpty
            }
            let deletion = try #require(await harness.telegram.deletions(bot: Self.token).first)
            #expect(deletion.chatId == telegramUser.id)
            #expect(deletion.messageId == sent.messageIds[0])
            let again = try await harness.api(.patch, "/api/v1/conversations/\(conversation)/messages/\(reply)", json: ["text": "x"], as: maria)
            #expect(again.status == 409)
            #expect(again.errorCode == "deleted")
            try await eventually("both revisions recorded as applied") {
                let timeline = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages", as: maria).items
                let message = timeline.first { $0["id"] as? Int == reply }
                return (message?["revision"] as? [String: Any])?["state"] as? String == "sent"
            }
        }
    }

    @Test func aReplyOfSeveralMessagesIsDeletedWholeAndRefusesAnEdit() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            let long = String(repeating: "Step by step. ", count: 400)
            let (conversation, reply, _) = try await sentReply(harness, maria, long)
            let parts = await harness.telegram.sentMessages(bot: Self.token, chatId: telegramUser.id).filter {
                $0.method == "sendMessage" && $0.text?.contains("Step by step.") == true
            }
            #expect(parts.count == 2)

            let edit = try await harness.api(.patch, "/api/v1/conversations/\(conversation)/messages/\(reply)", json: ["text": "short"], as: maria)
            #expect(edit.status == 409)
            #expect(edit.errorCode == "several_parts")
            let delete = try await harness.api(.delete, "/api/v1/conversations/\(conversation)/messages/\(reply)", as: maria)
            #expect(delete.status == 200)
            try await eventually("both parts deleted") { await harness.telegram.deletions(bot: Self.token).count == 2 }
            #expect(await harness.telegram.deletions(bot: Self.token).map(\.messageId) == parts.flatMap(\.messageIds))
            #expect(await harness.telegram.calls(bot: Self.token, method: "editMessageText").isEmpty)
        }
    }

    @Test func aDeletionTelegramRefusesAfterFortyEightHoursIsShownAsFailedWithItsReason() async throws {
        let offset = Mutex<TimeInterval>(0)
        let harness = try await ContinuityHarness(telegramNow: { Date().addingTimeInterval(offset.withLock { $0 }) })
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            let (conversation, reply, _) = try await sentReply(harness, maria, "See you tomorrow")
            // Telegram's clock is past its window while the desk still counts the reply as fresh.
            offset.withLock { $0 = 49 * 3600 }
            let delete = try await harness.api(.delete, "/api/v1/conversations/\(conversation)/messages/\(reply)", as: maria)
            #expect(delete.status == 200)
            var revision: [String: Any] = [:]
            try await eventually("the deletion is recorded as failed") {
                let timeline = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages", as: maria).items
                revision = timeline.first { $0["id"] as? Int == reply }?["revision"] as? [String: Any] ?? [:]
                return revision["state"] as? String == "failed"
            }
            #expect(revision["kind"] as? String == "delete")
            #expect(revision["reason"] as? String == "Bad Request: message can't be deleted for everyone")
            #expect(await harness.telegram.deletions(bot: Self.token).isEmpty)
        }
    }

    @Test func viberRepliesCannotBeEditedOrDeletedAndNothingIsSent() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            _ = try await harness.viber.userSends(bot: ContinuityHarness.viberToken, user: viberUser, message: .text("Where is my order?"))
            let conversation = try await conversation(harness, maria, endingWith: "Where is my order?")
            let posted = try await harness.api(.post, "/api/v1/conversations/\(conversation)/messages", json: ["text": "Ships Munday"], as: maria)
            let reply = try #require(posted.json["id"] as? Int)
            try await eventually("the reply is sent") { try await deliveryState(harness, maria, conversation, reply) == "sent" }
            let callsBefore = await harness.viber.calls(bot: ContinuityHarness.viberToken).count

            let edit = try await harness.api(.patch, "/api/v1/conversations/\(conversation)/messages/\(reply)", json: ["text": "Monday"], as: maria)
            #expect(edit.status == 422)
            #expect(edit.errorCode == "messenger_cannot_revise")
            #expect((edit.json["error"] as? [String: Any])?["message"] as? String == RevisionRefusal.messengerCannotRevise(.viber).message)
            let delete = try await harness.api(.delete, "/api/v1/conversations/\(conversation)/messages/\(reply)", as: maria)
            #expect(delete.status == 422)

            // Nothing changed and nothing went to Viber.
            let history = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages/\(reply)/edits", as: maria).json
            #expect(history["text"] as? String == "Ships Munday")
            #expect((history["edits"] as? [Any])?.isEmpty == true)
            #expect(history["deletedAt"] == nil)
            // No revision was queued for the dispatcher, so none can reach Viber later either.
            let timeline = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages", as: maria).items
            #expect(timeline.first { $0["id"] as? Int == reply }?["revision"] == nil)
            #expect(await harness.viber.calls(bot: ContinuityHarness.viberToken).count == callsBefore)
        }
    }

    @Test func aClientsEditShowsAsEditedWithItsPreviousTextThroughTheAPI() async throws {
        let harness = try await ContinuityHarness()
        defer { Task { await harness.stop() } }
        try await harness.setUp()
        try await harness.serving { _ in
            let maria = try await harness.signIn("maria")
            let written = try await harness.telegram.sendUserMessage(bot: Self.token, from: telegramUser, text: "My order is 4711")
            let conversation = try await conversation(harness, maria, endingWith: "My order is 4711")
            _ = try await harness.telegram.editUserMessage(
                bot: Self.token,
                from: telegramUser,
                messageId: try #require(written.messageId),
                text: "My order is 4712"
            )
            var message: [String: Any] = [:]
            try await eventually("the edit is stored") {
                let timeline = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages", as: maria).items
                message = timeline.first { $0["direction"] as? String == "in" } ?? [:]
                return message["text"] as? String == "My order is 4712"
            }
            #expect(message["editedAt"] != nil)
            let id = try #require(message["id"] as? Int)
            let history = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages/\(id)/edits", as: maria)
            #expect(history.status == 200)
            let edits = history.json["edits"] as? [[String: Any]] ?? []
            #expect(edits.compactMap { $0["previousText"] as? String } == ["My order is 4711"])
            #expect((edits.first?["editor"] as? [String: Any])?["kind"] as? String == "client")
            // A client's message is not the operator's to edit.
            let refused = try await harness.api(.patch, "/api/v1/conversations/\(conversation)/messages/\(id)", json: ["text": "x"], as: maria)
            #expect(refused.errorCode == "not_a_reply")
        }
    }

    // MARK: - Helpers

    /// The client writes, Maria replies `text`, and Telegram accepts it: the conversation, the reply's id,
    /// and the fake's record of the send that carried its first part.
    func sentReply(
        _ harness: ContinuityHarness,
        _ session: ContinuityHarness.Session,
        _ text: String
    ) async throws -> (Int, Int, FakeTelegram.SentMessage) {
        _ = try await harness.telegram.sendUserMessage(bot: Self.token, from: telegramUser, text: "Where is my order?")
        let conversation = try await conversation(harness, session, endingWith: "Where is my order?")
        let posted = try await harness.api(.post, "/api/v1/conversations/\(conversation)/messages", json: ["text": text], as: session)
        let reply = try #require(posted.json["id"] as? Int)
        try await eventually("the reply is sent") { try await deliveryState(harness, session, conversation, reply) == "sent" }
        let prefix = String(text.prefix(20))
        let sent = try #require(
            await harness.telegram.sentMessages(bot: Self.token, chatId: telegramUser.id).first { $0.text?.contains(prefix) == true }
        )
        return (conversation, reply, sent)
    }

    func deliveryState(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, _ conversation: Int, _ id: Int) async throws -> String? {
        let timeline = try await harness.api(.get, "/api/v1/conversations/\(conversation)/messages", as: session).items
        return timeline.first { $0["id"] as? Int == id }?["deliveryState"] as? String
    }

    func conversation(_ harness: ContinuityHarness, _ session: ContinuityHarness.Session, endingWith text: String) async throws -> Int {
        var found: Int?
        try await eventually("a conversation ending with \(text)") {
            let items = try await harness.api(.get, "/api/v1/conversations?filter=all", as: session).items
            found = items.first { ($0["lastMessage"] as? [String: Any])?["text"] as? String == text }?["id"] as? Int
            return found != nil
        }
        return try #require(found)
    }
}
