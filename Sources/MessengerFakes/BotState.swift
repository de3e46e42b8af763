import Foundation

/// Everything the fake knows about one bot. Lives inside `TelegramState`, so it may hold JSON objects.
struct BotState {
    /// An update waiting for confirmation (polling) or acknowledgement (webhook).
    struct QueuedUpdate {
        /// `update_id`.
        var id: Int64
        /// Update kind, e.g. `message`.
        var kind: String
        /// Chat the update belongs to; webhook delivery keeps per-chat order with it.
        var chatId: Int64?
        /// The Update object.
        var object: [String: Any]
    }

    /// A getUpdates call waiting for an update.
    struct PendingPoll {
        /// Identifies the poll, so a late timeout cannot end a newer one.
        var id: Int
        /// Resumed exactly once, by whoever removes the poll from the state.
        var continuation: CheckedContinuation<PollWake, Never>
        /// Ends the poll after its timeout; cancelled when something else ends it first.
        var timeoutTask: Task<Void, Never>
    }

    /// Why a waiting getUpdates call resumed.
    enum PollWake: Sendable {
        /// An update arrived.
        case update
        /// The timeout passed.
        case timeout
        /// A newer getUpdates call took over.
        case newerPoll
        /// setWebhook was called.
        case webhookSet
        /// The server is stopping.
        case shutdown
    }

    /// A configured webhook and its in-flight deliveries.
    struct Webhook {
        /// Target URL.
        var url: URL
        /// Value for `X-Telegram-Bot-Api-Secret-Token`.
        var secretToken: String?
        /// How many chats are delivered to in parallel.
        var maxConnections: Int
        /// Increases with every setWebhook, so results of cancelled deliveries are ignored.
        var generation: Int
        /// Delivery tasks by update id.
        var deliveries: [Int64: Task<Void, Never>] = [:]
    }

    /// A file the bot can fetch with getFile.
    struct StoredFile {
        /// `file_id`.
        var fileId: String
        /// `file_unique_id`.
        var uniqueId: String
        /// `file_path` for the download URL.
        var path: String
        /// Original file name, if known.
        var fileName: String?
        /// MIME type, if known.
        var mimeType: String?
        /// File content.
        var bytes: Data
    }

    /// Key of a message the bot may edit.
    struct MessageKey: Hashable {
        /// Chat id.
        var chatId: Int64
        /// Message id within the chat.
        var messageId: Int
    }

    /// The bot's own `User` id, derived from the token's numeric prefix.
    var id: Int64
    /// `username`.
    var username: String
    /// `first_name`.
    var firstName: String
    /// Updates in `update_id` order.
    var queue: [QueuedUpdate] = []
    /// Next `update_id` to assign.
    var nextUpdateId: Int64 = 100_000_001
    /// Update kinds accepted into the queue; nil = the default (all but chat_member and reactions).
    var allowedUpdates: Set<String>?
    /// The waiting getUpdates call, if any.
    var poll: PendingPoll?
    /// The webhook, if set.
    var webhook: Webhook?
    /// `last_error_date` and `last_error_message` for getWebhookInfo.
    var lastWebhookError: (date: Int, message: String)?
    /// Every webhook POST made.
    var webhookAttempts: [FakeTelegram.WebhookAttempt] = []
    /// Last message id used per chat.
    var messageCounters: [Int64: Int] = [:]
    /// A message the bot sent and has not deleted.
    struct StoredMessage {
        /// The Message object as it is now.
        var object: [String: Any]
        /// The text (or a media message's caption) after parsing, for "message is not modified".
        var plainText: String
        /// `reply_markup` JSON text.
        var replyMarkup: String?
        /// When it was sent, for the 48-hour deletion window.
        var sentAt: Date
    }

    /// Messages the bot sent, for edits and deletions.
    var messages: [MessageKey: StoredMessage] = [:]
    /// Successful deleteMessage calls.
    var deletions: [FakeTelegram.Deletion] = []
    /// Send records.
    var sent: [FakeTelegram.SentMessage] = []
    /// sendChatAction records.
    var chatActions: [FakeTelegram.ChatAction] = []
    /// Every accepted call.
    var calls: [FakeTelegram.Call] = []
    /// Files by `file_id`.
    var files: [String: StoredFile] = [:]
    /// Callback query ids not yet answered.
    var openCallbackQueries: Set<String> = []
    /// Injected faults by lower-cased method name, oldest first; nil lets one call through.
    var faults: [String: [FakeTelegram.Fault?]] = [:]
    /// Chats seen in updates or added by the test.
    var knownChats: Set<Int64> = []
    /// Supergroups the test registered, with their topics and members.
    var forums: [Int64: ForumChat] = [:]
    /// Flood control.
    var limiter: RateLimiter
    /// How many 429 answers the bot got (flood control and injected).
    var tooManyRequestsCount = 0
    /// How many getUpdates calls were ended by a newer one (two pollers of one bot fight this way).
    var pollConflictCount = 0

    /// Kinds excluded when `allowed_updates` is empty or was never set.
    static let optInKinds: Set<String> = ["chat_member", "message_reaction", "message_reaction_count"]

    /// Whether an update of this kind is accepted into the queue.
    func accepts(kind: String) -> Bool {
        allowedUpdates.map { $0.contains(kind) } ?? !Self.optInKinds.contains(kind)
    }

    /// Assigns the next message id in `chatId` (shared by user and bot messages, as in private chats).
    mutating func nextMessageId(in chatId: Int64) -> Int {
        let next = (messageCounters[chatId] ?? 0) + 1
        messageCounters[chatId] = next
        return next
    }

    /// The bot's `User` object.
    var userJSON: [String: Any] { ["id": id, "is_bot": true, "first_name": firstName, "username": username] }
}
