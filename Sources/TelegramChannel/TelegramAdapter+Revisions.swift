public import SwitchboardCore

extension TelegramAdapter: MessageReviser {
    /// `editMessageText` for a text reply, `editMessageCaption` for a reply that was one file; the new
    /// text is signed as a reply sent now would be.
    public func edit(_ item: RevisionItem) async throws {
        guard item.externalIDs.count == 1, let target = Self.messageReference(item.externalIDs[0]) else {
            throw DeliveryFailure.permanent(
                reason: "a reply of \(item.externalIDs.count) Telegram messages cannot be edited",
                recipientUnreachable: false
            )
        }
        let signed = SignedText(signature: signature(for: item.message), body: item.message.text)
        var parameters: [String: JSONValue] = ["chat_id": .int(target.chatID), "message_id": .int(target.messageID)]
        let method: String
        if item.message.attachments.isEmpty {
            method = "editMessageText"
            parameters["text"] = .string(signed.text)
            if let entities = signed.entities { parameters["entities"] = entities }
        } else {
            method = "editMessageCaption"
            parameters["caption"] = .string(signed.text)
            if let entities = signed.entities { parameters["caption_entities"] = entities }
        }
        // Already applied (an earlier attempt whose answer was lost): Telegram says nothing changed.
        try await revise(method, chatID: target.chatID, parameters, alreadyDone: "message is not modified")
    }

    /// `deleteMessage` for every part, in order; a part already gone counts as deleted.
    public func delete(_ item: RevisionItem) async throws {
        for externalID in item.externalIDs {
            guard let target = Self.messageReference(externalID) else {
                throw DeliveryFailure.permanent(reason: "'\(externalID)' is not a Telegram message id", recipientUnreachable: false)
            }
            try await revise(
                "deleteMessage",
                chatID: target.chatID,
                ["chat_id": .int(target.chatID), "message_id": .int(target.messageID)],
                alreadyDone: "message to delete not found"
            )
        }
    }

    /// Reads `chat_id:message_id`, the form `sendReturningMessage` records.
    static func messageReference(_ externalID: String) -> (chatID: Int64, messageID: Int64)? {
        let parts = externalID.split(separator: ":")
        guard parts.count == 2, let chat = Int64(parts[0]), let message = Int64(parts[1]) else { return nil }
        return (chat, message)
    }

    private func revise(_ method: String, chatID: Int64, _ parameters: [String: JSONValue], alreadyDone: String) async throws {
        try await limiter.acquire(chatID: chatID)
        do {
            _ = try await api.call(method, parameters, as: JSONValue.self)
        } catch let error as TelegramAPIError {
            if case .api(400, let description, _, _) = error, description.contains(alreadyDone) { return }
            if case .api(429, _, let retryAfter, _) = error {
                await limiter.pause(chatID: chatID, seconds: Double(retryAfter ?? 1))
            }
            throw error.deliveryFailure
        }
    }
}
