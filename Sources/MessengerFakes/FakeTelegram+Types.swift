public import Foundation

extension FakeTelegram {
    /// A Telegram user as the fake puts it into updates (`from`, private `chat`).
    public struct User: Sendable, Equatable {
        /// User id; also the id of the private chat with the bot. Can exceed 32 bits.
        public var id: Int64
        /// `first_name`.
        public var firstName: String
        /// `last_name`.
        public var lastName: String?
        /// `username` without `@`.
        public var username: String?
        /// IETF language tag, e.g. `en`.
        public var languageCode: String?

        /// Creates a user.
        public init(id: Int64, firstName: String, lastName: String? = nil, username: String? = nil, languageCode: String? = nil) {
            self.id = id
            self.firstName = firstName
            self.lastName = lastName
            self.username = username
            self.languageCode = languageCode
        }

        /// The Bot API `User` object.
        var json: [String: Any] {
            var object: [String: Any] = ["id": id, "is_bot": false, "first_name": firstName]
            object["last_name"] = lastName
            object["username"] = username
            object["language_code"] = languageCode
            return object
        }

        /// The Bot API `Chat` object of the private chat with this user.
        var privateChatJSON: [String: Any] {
            var object: [String: Any] = ["id": id, "type": "private", "first_name": firstName]
            object["last_name"] = lastName
            object["username"] = username
            return object
        }
    }

    /// A failure the next matching call(s) will get instead of the normal answer.
    public enum Fault: Sendable, Equatable {
        /// 429 `Too Many Requests: retry after N` with `parameters.retry_after` and `Retry-After`.
        case tooManyRequests(retryAfter: Int)
        /// A 5xx answer, e.g. 500 or 502.
        case serverError(Int)
        /// 403 `Forbidden: bot was blocked by the user`.
        case forbiddenBlocked
        /// Waits this long, then answers normally.
        case slow(seconds: Double)
        /// Closes the connection without an answer.
        case dropConnection
    }

    /// What the bot sent: one record per successful send/edit call.
    public struct SentMessage: Sendable {
        /// Canonical method name, e.g. `sendMessage`.
        public var method: String
        /// Target chat.
        public var chatId: Int64
        /// Ids of the messages created or edited (several for `sendMediaGroup`).
        public var messageIds: [Int]
        /// `text` as sent (markup included).
        public var text: String?
        /// `parse_mode` as sent.
        public var parseMode: String?
        /// `caption` as sent (first caption for media groups).
        public var caption: String?
        /// Uploaded files by field name (`photo`, `document`, or the `attach://` name).
        public var uploads: [String: UploadedFile]
        /// Media sent by `file_id` or URL instead of an upload, by field name.
        public var fileReferences: [String: String]
        /// `reply_markup` JSON text.
        public var replyMarkup: String?
        /// `message_thread_id` (forum topic), if any.
        public var messageThreadId: Int?
        /// Every text parameter of the call.
        public var parameters: [String: String]
        /// When the fake received the call (from the configured clock).
        public var receivedAt: Date

        /// The only or first upload, for single-file sends.
        public var upload: UploadedFile? { uploads.sorted { $0.key < $1.key }.first?.value }
    }

    /// A successful `deleteMessage` call.
    public struct Deletion: Sendable, Equatable {
        /// Chat of the deleted message.
        public var chatId: Int64
        /// The deleted message's id.
        public var messageId: Int
        /// When the fake received the call.
        public var receivedAt: Date
    }

    /// A message the bot sent, as the client sees it now.
    public struct BotMessage: Sendable, Equatable {
        /// `text` of a text message.
        public var text: String?
        /// `caption` of a media message.
        public var caption: String?
        /// `edit_date`, when it was edited.
        public var editDate: Int?
    }

    /// A `sendChatAction` call.
    public struct ChatAction: Sendable, Equatable {
        /// Target chat.
        public var chatId: Int64
        /// Action name, e.g. `typing`.
        public var action: String
        /// When the fake received the call.
        public var receivedAt: Date
    }

    /// An update the fake queued on behalf of a user (or rejected by `allowed_updates`).
    public struct InjectedUpdate: Sendable {
        /// Assigned `update_id`.
        public var updateId: Int64
        /// Update kind, e.g. `message` or `callback_query`.
        public var kind: String
        /// Chat the update belongs to, when it has one.
        public var chatId: Int64?
        /// Message id inside the update, for message-like kinds.
        public var messageId: Int?
        /// False when the bot's `allowed_updates` filtered it out, as the real server does at arrival.
        public var queued: Bool
        /// The full Update as JSON.
        public var json: Data
    }

    /// One attempt to POST an update to the webhook.
    public struct WebhookAttempt: Sendable, Equatable {
        /// The update that was sent.
        public var updateId: Int64
        /// HTTP status of the answer; nil when the connection failed.
        public var status: Int?
        /// Failure text as shown in `getWebhookInfo.last_error_message`; nil on success.
        public var error: String?
        /// When the answer (or failure) arrived.
        public var at: Date
    }

    /// Any call the fake accepted past token and method lookup.
    public struct Call: Sendable {
        /// Canonical method name.
        public var method: String
        /// Text parameters.
        public var parameters: [String: String]
        /// File parts by field name.
        public var files: [String: UploadedFile]
        /// When the fake received the call.
        public var receivedAt: Date
    }
}
