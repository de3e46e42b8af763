import CurlHTTP
import Foundation
public import SwitchboardCore

/// Sends operators' replies to Telegram: plain text (no parse mode, so nothing needs escaping),
/// signed with the operator's name, split above 4096 characters, rate limited.
public struct TelegramAdapter: ChannelAdapter {
    /// Telegram's limit on a message's text, in UTF-16 code units.
    public static let messageLimit = 4096
    /// Telegram's limit on a media caption.
    public static let captionLimit = 1024

    /// Per-channel choices.
    public struct Options: Sendable, Equatable {
        /// Heads each operator reply with the operator's display name in bold.
        public var signReplies: Bool

        /// Creates options.
        public init(signReplies: Bool = true) {
            self.signReplies = signReplies
        }
    }

    let api: TelegramBotAPI
    let limiter: TelegramRateLimiter
    let media: (any MediaStore)?
    let options: Options

    /// Creates an adapter.
    /// - Parameters:
    ///   - api: The bot's client.
    ///   - limiter: Shared by everything that sends as this bot.
    ///   - media: Where outbound attachments' `storedPath` files are read from.
    public init(api: TelegramBotAPI, limiter: TelegramRateLimiter = TelegramRateLimiter(), media: (any MediaStore)?, options: Options = .init()) {
        self.api = api
        self.limiter = limiter
        self.media = media
        self.options = options
    }

    /// Sends the parts of `message` after those in `progress`: text pieces, then files (a lone file or
    /// album carries short text as its caption instead), several pictures and videos as one album,
    /// locations and contacts as their own messages.
    public func send(_ message: OutboundMessage, resuming progress: DeliveryProgress) async throws -> DeliveryReceipt {
        guard let chatID = Int64(message.recipientExternalID) else {
            throw DeliveryFailure.permanent(reason: "'\(message.recipientExternalID)' is not a Telegram chat id", recipientUnreachable: false)
        }
        let parts = try await self.parts(of: message, chatID: chatID)
        let ids = try await PartwiseSend.run(partCount: parts.count, resuming: progress) { index in
            switch parts[index] {
            case .text(let parameters): try await perform("sendMessage", chatID: chatID, parameters)
            case .single(let call): try await perform(call.method, chatID: chatID, call.parameters, files: call.files)
            case .album(let call): try await performAlbum(call, chatID: chatID)
            }
        }
        return DeliveryReceipt(externalMessageID: ids.joined(separator: ","))
    }

    /// A one-time keyboard whose single button shares the client's own phone number (`request_contact`).
    static let sharePhoneKeyboard: JSONValue = .object([
        "keyboard": .array([.array([.object(["text": .string("Share my phone number"), "request_contact": .bool(true)])])]),
        "one_time_keyboard": .bool(true),
        "resize_keyboard": .bool(true),
    ])

    /// Shows "typing…" to the client for about five seconds; the inbox calls it while the operator types.
    ///
    /// The hint spends a slot of the bot's send budget, and is skipped when no slot is free now:
    /// replies never queue behind it and it never earns a 429.
    public func sendTyping(to recipientExternalID: String) async {
        guard let chatID = Int64(recipientExternalID), await limiter.acquireIfFree(chatID: chatID) else { return }
        // Best effort: a lost "typing…" hint is not worth an error for the operator.
        try? await api.sendChatAction(chatID: chatID, action: "typing")
    }

    /// `reply_markup` with one row of callback buttons (Telegram allows up to 8 per row).
    static func inlineKeyboard(_ buttons: [ReplyButton]) -> JSONValue {
        let rows = stride(from: 0, to: buttons.count, by: 8).map { start in
            JSONValue.array(
                buttons[start..<min(start + 8, buttons.count)].map { button -> JSONValue in
                    .object(["text": .string(button.label), "callback_data": .string(button.wireData)])
                }
            )
        }
        return .object(["inline_keyboard": .array(rows)])
    }

    func signature(for message: OutboundMessage) -> String? {
        guard options.signReplies, message.isFromOperator else { return nil }
        let name = message.sender.name.trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : String(name.prefix(64))
    }

    private func perform(_ method: String, chatID: Int64, _ parameters: [String: JSONValue], files: [MultipartPart] = []) async throws -> String {
        try await limited(chatID: chatID) { try await api.sendReturningMessage(method, parameters, files: files) }
    }

    /// Sends an album; its part id is the ids of its messages joined with commas, as a receipt joins parts.
    private func performAlbum(_ call: BotAPICall, chatID: Int64) async throws -> String {
        try await limited(chatID: chatID) {
            try await api.sendReturningMessages(call.method, call.parameters, files: call.files).joined(separator: ",")
        }
    }

    private func limited(chatID: Int64, _ send: () async throws -> String) async throws -> String {
        try await limiter.acquire(chatID: chatID)
        do {
            return try await send()
        } catch let error as TelegramAPIError {
            if case .api(429, _, let retryAfter, _) = error {
                await limiter.pause(chatID: chatID, seconds: Double(retryAfter ?? 1))
            }
            throw error.deliveryFailure
        }
    }
}
