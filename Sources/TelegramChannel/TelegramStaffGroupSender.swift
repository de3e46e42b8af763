public import SwitchboardCore

/// Topic mode's calls in a staff supergroup: plain text (no parse mode, so client text needs no
/// escaping), files re-sent by `file_id`, rate limited with the bot's other sends.
public struct TelegramStaffGroupSender: StaffGroupSender {
    let api: TelegramBotAPI
    let limiter: TelegramRateLimiter

    /// Creates a sender.
    /// - Parameter limiter: the one the bot's adapter uses, so the staff group and clients share the bot's budget.
    public init(api: TelegramBotAPI, limiter: TelegramRateLimiter) {
        self.api = api
        self.limiter = limiter
    }

    public func createTopic(chatID: Int64, name: String) async throws -> Int64 {
        let topic = try await limited(chatID: chatID) {
            try await api.call("createForumTopic", ["chat_id": .int(chatID), "name": .string(name)], as: JSONValue.self)
        }
        guard let thread = topic["message_thread_id"]?.intValue else {
            throw DeliveryFailure.transient(reason: "createForumTopic returned no thread")
        }
        return thread
    }

    public func send(_ part: TopicPart, chatID: Int64, threadID: Int64?) async throws {
        var parameters: [String: JSONValue] = ["chat_id": .int(chatID)]
        if let threadID { parameters["message_thread_id"] = .int(threadID) }
        let method: String
        switch part {
        case .text(let text):
            method = "sendMessage"
            parameters["text"] = .string(text)
        case .file(let kind, let fileID):
            let field = Self.fileField(kind)
            method = "send" + field.prefix(1).uppercased() + field.dropFirst()
            parameters[field] = .string(fileID)
        }
        _ = try await limited(chatID: chatID) { try await api.sendReturningMessage(method, parameters) }
    }

    public func closeTopic(chatID: Int64, threadID: Int64) async throws {
        try await toggle("closeForumTopic", chatID: chatID, threadID: threadID)
    }

    public func reopenTopic(chatID: Int64, threadID: Int64) async throws {
        try await toggle("reopenForumTopic", chatID: chatID, threadID: threadID)
    }

    private func toggle(_ method: String, chatID: Int64, threadID: Int64) async throws {
        do {
            _ = try await limited(chatID: chatID) {
                try await api.call(method, ["chat_id": .int(chatID), "message_thread_id": .int(threadID)], as: Bool.self)
            }
        } catch DeliveryFailure.permanent(let reason, _) where reason.hasSuffix("TOPIC_NOT_MODIFIED") {
            // Already closed (or open): a member did it by hand, which is what this job wanted.
        }
    }

    /// The `send…` field for a file kind Telegram re-sends by `file_id`.
    static func fileField(_ kind: AttachmentKind) -> String {
        switch kind {
        case .photo: "photo"
        case .voice: "voice"
        case .audio: "audio"
        case .video: "video"
        default: "document"
        }
    }

    private func limited<T: Sendable>(chatID: Int64, _ call: () async throws -> T) async throws -> T {
        try await limiter.acquire(chatID: chatID)
        do {
            return try await call()
        } catch let error as TelegramAPIError {
            if case .api(429, _, let retryAfter, _) = error { await limiter.pause(chatID: chatID, seconds: Double(retryAfter ?? 1)) }
            if case .api(400, let description, _, _) = error,
                description.hasSuffix("message thread not found") || description.hasSuffix("TOPIC_ID_INVALID")
            {
                throw StaffTopicGone()
            }
            throw error.deliveryFailure
        }
    }
}
