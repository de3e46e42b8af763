import Foundation
import MessengerFakes
import Testing

@Suite("Editing and deleting the bot's messages")
struct RevisionTests {
    @Test func captionsAreEditedOnMediaMessagesOnlyAndTextOnTextMessagesOnly() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            let photo = try await bot.multipart(
                "sendPhoto",
                fields: ["chat_id": "\(ann.id)", "caption": "Receipt"],
                files: [("photo", "r.jpg", "image/jpeg", Data(repeating: 0xFF, count: 64))]
            )
            let photoId = try #require(photo.object["message_id"] as? Int)
            let text = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hello"])
            let textId = try #require(text.object["message_id"] as? Int)

            let noText = try await bot.call("editMessageText", ["chat_id": ann.id, "message_id": photoId, "text": "x"])
            #expect(noText.description == "Bad Request: there is no text in the message to edit")
            let noCaption = try await bot.call("editMessageCaption", ["chat_id": ann.id, "message_id": textId, "caption": "x"])
            #expect(noCaption.description == "Bad Request: there is no caption in the message to edit")
            let same = try await bot.call("editMessageCaption", ["chat_id": ann.id, "message_id": photoId, "caption": "Receipt"])
            #expect(same.description?.hasPrefix("Bad Request: message is not modified: ") == true)
            let long = try await bot.call(
                "editMessageCaption",
                ["chat_id": ann.id, "message_id": photoId, "caption": String(repeating: "a", count: 1025)]
            )
            #expect(long.description == "Bad Request: message caption is too long")
            let missing = try await bot.call("editMessageCaption", ["chat_id": ann.id, "message_id": 999, "caption": "x"])
            #expect(missing.description == "Bad Request: message to edit not found")

            let edited = try await bot.call("editMessageCaption", ["chat_id": ann.id, "message_id": photoId, "caption": "Receipt, paid"])
            #expect(edited.object["caption"] as? String == "Receipt, paid")
            #expect(edited.object["edit_date"] != nil)
            #expect(await telegram.botMessage(bot: bot.token, chatId: ann.id, messageId: photoId)?.caption == "Receipt, paid")
            let record = try #require(await telegram.sentMessages(bot: bot.token).last)
            #expect(record.method == "editMessageCaption")
            #expect(record.messageIds == [photoId])
        }
    }

    @Test func aDeletedMessageIsGoneForEditsAndFurtherDeletions() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            let sent = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "oops"])
            let messageId = try #require(sent.object["message_id"] as? Int)
            let deleted = try await bot.call("deleteMessage", ["chat_id": ann.id, "message_id": messageId])
            #expect(deleted.ok)
            #expect(deleted.envelope["result"] as? Bool == true)
            #expect(await telegram.deletions(bot: bot.token, chatId: ann.id).map(\.messageId) == [messageId])
            #expect(await telegram.botMessage(bot: bot.token, chatId: ann.id, messageId: messageId) == nil)
            let again = try await bot.call("deleteMessage", ["chat_id": ann.id, "message_id": messageId])
            #expect(again.description == "Bad Request: message to delete not found")
            let edit = try await bot.call("editMessageText", ["chat_id": ann.id, "message_id": messageId, "text": "fixed"])
            #expect(edit.description == "Bad Request: message to edit not found")
        }
    }

    @Test func aMessageCanBeDeletedForFortyEightHoursAndEditedLater() async throws {
        let clock = ViberTestClock()
        var configuration = FakeTelegram.Configuration().unlimited
        configuration.now = { clock.now }
        try await withFakeTelegram(configuration) { telegram, bot in
            let first = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "one"])
            let second = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "two"])
            clock.advance(48 * 3600 - 1)
            let inTime = try await bot.call("deleteMessage", ["chat_id": ann.id, "message_id": try #require(first.object["message_id"] as? Int)])
            #expect(inTime.ok)
            clock.advance(1)
            let secondId = try #require(second.object["message_id"] as? Int)
            let late = try await bot.call("deleteMessage", ["chat_id": ann.id, "message_id": secondId])
            #expect(late.status == 400)
            #expect(late.description == "Bad Request: message can't be deleted for everyone")
            // A bot's own message in a private chat has no edit window.
            let edited = try await bot.call("editMessageText", ["chat_id": ann.id, "message_id": secondId, "text": "two, edited"])
            #expect(edited.ok)
            #expect(await telegram.botMessage(bot: bot.token, chatId: ann.id, messageId: secondId)?.text == "two, edited")
        }
    }
}
