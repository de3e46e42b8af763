import Foundation
import MessengerFakes
import Testing

@Suite("Sending, validation and recording")
struct SendingTests {
    @Test func sendMessageReturnsAMessageAndIsRecorded() async throws {
        try await withFakeTelegram { telegram, bot in
            let supergroup: Int64 = -1_001_234_567_890
            let markup = #"{"inline_keyboard":[[{"text":"Take","callback_data":"take:1"}]]}"#
            let answer = try await bot.call(
                "sendMessage",
                ["chat_id": supergroup, "text": "*New* ticket", "parse_mode": "MarkdownV2", "reply_markup": markup, "message_thread_id": 7]
            )
            #expect(answer.status == 200)
            let chat = answer.object["chat"] as? [String: Any]
            #expect(chat?["id"] as? Int64 == supergroup)
            #expect(chat?["type"] as? String == "supergroup")
            #expect(answer.object["text"] as? String == "New ticket")
            #expect(answer.object["message_id"] as? Int == 1)
            #expect(answer.object["is_topic_message"] as? Bool == true)
            let sent = await telegram.sentMessages(bot: bot.token, chatId: supergroup)
            #expect(sent.count == 1)
            #expect(sent.first?.text == "*New* ticket")
            #expect(sent.first?.parseMode == "MarkdownV2")
            #expect(sent.first?.replyMarkup == markup)
            #expect(sent.first?.messageThreadId == 7)
            #expect(sent.first?.messageIds == [1])
        }
    }

    @Test func textMustBe1To4096Characters() async throws {
        try await withFakeTelegram(.init().unlimited) { _, bot in
            let exact = try await bot.call("sendMessage", ["chat_id": 1, "text": String(repeating: "я", count: 4096)])
            #expect(exact.status == 200)
            let long = try await bot.call("sendMessage", ["chat_id": 1, "text": String(repeating: "a", count: 4097)])
            #expect(long.status == 400)
            #expect(long.description == "Bad Request: message is too long")
            let empty = try await bot.call("sendMessage", ["chat_id": 1, "text": "   "])
            #expect(empty.description == "Bad Request: message text is empty")
        }
    }

    @Test func parseErrorsAreReportedLikeTheServer() async throws {
        try await withFakeTelegram(.init().unlimited) { _, bot in
            let markdown = try await bot.call("sendMessage", ["chat_id": 1, "text": "Price: 5.00!", "parse_mode": "MarkdownV2"])
            #expect(markdown.status == 400)
            #expect(
                markdown.description == "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"
            )
            let escaped = try await bot.call("sendMessage", ["chat_id": 1, "text": "Price: 5\\.00\\!", "parse_mode": "MarkdownV2"])
            #expect(escaped.object["text"] as? String == "Price: 5.00!")
            let unknownTag = try await bot.call("sendMessage", ["chat_id": 1, "text": "<blink>hi</blink>", "parse_mode": "HTML"])
            #expect(unknownTag.description == "Bad Request: can't parse entities: Unsupported start tag \"blink\" at byte offset 0")
            let unclosed = try await bot.call("sendMessage", ["chat_id": 1, "text": "<b>bold", "parse_mode": "HTML"])
            #expect(unclosed.description?.hasPrefix("Bad Request: can't parse entities: Can't find end tag") == true)
            let html = try await bot.call("sendMessage", ["chat_id": 1, "text": "<b>a</b> &lt; b", "parse_mode": "HTML"])
            #expect(html.object["text"] as? String == "a < b")
        }
    }

    @Test func callbackDataOver64BytesIsRejected() async throws {
        try await withFakeTelegram { _, bot in
            let data = String(repeating: "ж", count: 33)
            let markup = #"{"inline_keyboard":[[{"text":"x","callback_data":"\#(data)"}]]}"#
            let answer = try await bot.call("sendMessage", ["chat_id": 1, "text": "hi", "reply_markup": markup])
            #expect(answer.description == "Bad Request: BUTTON_DATA_INVALID")
        }
    }

    @Test func identicalEditIsNotModified() async throws {
        try await withFakeTelegram(.init().unlimited) { telegram, bot in
            let sent = try await bot.call("sendMessage", ["chat_id": ann.id, "text": "hello"])
            let messageId = sent.object["message_id"] as? Int ?? 0
            let same = try await bot.call("editMessageText", ["chat_id": ann.id, "message_id": messageId, "text": "hello"])
            #expect(same.status == 400)
            #expect(same.description?.hasPrefix("Bad Request: message is not modified: ") == true)
            let changed = try await bot.call("editMessageText", ["chat_id": ann.id, "message_id": messageId, "text": "hello again"])
            #expect(changed.object["text"] as? String == "hello again")
            #expect(changed.object["edit_date"] != nil)
            let missing = try await bot.call("editMessageText", ["chat_id": ann.id, "message_id": 999, "text": "x"])
            #expect(missing.description == "Bad Request: message to edit not found")
            #expect(await telegram.sentMessages(bot: bot.token).map(\.method) == ["sendMessage", "editMessageText"])
        }
    }

    @Test func callbackQueriesCanBeAnsweredOnce() async throws {
        try await withFakeTelegram { telegram, bot in
            let update = try await telegram.sendCallbackQuery(bot: bot.token, from: ann, data: "take:1", messageId: 3)
            let polled = try await bot.call("getUpdates")
            let query = polled.array.first?["callback_query"] as? [String: Any]
            #expect(polled.array.first?["update_id"] as? Int64 == update.updateId)
            let queryId = query?["id"] as? String ?? ""
            #expect(try await bot.call("answerCallbackQuery", ["callback_query_id": queryId]).ok)
            let again = try await bot.call("answerCallbackQuery", ["callback_query_id": queryId])
            #expect(again.description == "Bad Request: query is too old and response timeout expired or query ID is invalid")
        }
    }

    @Test func multipartUploadKeepsFileNameMIMEAndBytes() async throws {
        try await withFakeTelegram { telegram, bot in
            let bytes = Data((0..<2048).map { UInt8($0 % 251) })
            let answer = try await bot.multipart(
                "sendDocument",
                fields: ["chat_id": "\(ann.id)", "caption": "Invoice"],
                files: [("document", "invoice.pdf", "application/pdf", bytes)]
            )
            #expect(answer.status == 200)
            let document = answer.object["document"] as? [String: Any]
            #expect(document?["file_name"] as? String == "invoice.pdf")
            #expect(document?["mime_type"] as? String == "application/pdf")
            #expect(document?["file_size"] as? Int == 2048)
            let record = try #require(await telegram.sentMessages(bot: bot.token).first)
            #expect(record.method == "sendDocument")
            #expect(record.caption == "Invoice")
            #expect(record.upload == UploadedFile(fileName: "invoice.pdf", mimeType: "application/pdf", bytes: bytes))
        }
    }

    @Test func mediaGroupNeeds2To10ItemsAndUsesAttachments() async throws {
        try await withFakeTelegram { telegram, bot in
            let media = #"[{"type":"photo","media":"attach://a","caption":"first"},{"type":"photo","media":"attach://b"}]"#
            let photo = Data(repeating: 0xFF, count: 100)
            let answer = try await bot.multipart(
                "sendMediaGroup",
                fields: ["chat_id": "\(ann.id)", "media": media],
                files: [("a", "a.jpg", "image/jpeg", photo), ("b", "b.jpg", "image/jpeg", photo)]
            )
            #expect(answer.status == 200)
            #expect(answer.array.count == 2)
            #expect(Set(answer.array.compactMap { $0["media_group_id"] as? String }).count == 1)
            #expect(await telegram.sentMessages(bot: bot.token).first?.uploads.keys.sorted() == ["a", "b"])
            let single = try await bot.call("sendMediaGroup", ["chat_id": ann.id, "media": #"[{"type":"photo","media":"https://x.test/1.jpg"}]"#])
            #expect(single.description == "Bad Request: media group must contain 2-10 items")
            let mixed = #"[{"type":"photo","media":"https://x.test/1.jpg"},{"type":"document","media":"https://x.test/2.pdf"}]"#
            let mixedAnswer = try await bot.call("sendMediaGroup", ["chat_id": ann.id, "media": mixed])
            #expect(mixedAnswer.description == "Bad Request: document can't be mixed with other media types")
        }
    }

    @Test func chatActionsAreRecorded() async throws {
        try await withFakeTelegram { telegram, bot in
            #expect(try await bot.call("sendChatAction", ["chat_id": ann.id, "action": "typing"]).ok)
            let wrong = try await bot.call("sendChatAction", ["chat_id": ann.id, "action": "dancing"])
            #expect(wrong.status == 400)
            #expect(await telegram.chatActions(bot: bot.token).map(\.action) == ["typing"])
        }
    }
}
