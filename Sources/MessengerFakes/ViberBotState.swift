import Foundation

/// Everything the fake knows about one Viber bot. Lives inside `ViberState`.
struct ViberBotState {
    /// A webhook that passed the set_webhook handshake.
    struct Webhook {
        /// Target URL.
        var url: URL
        /// Filterable event types the bot asked for; nil = all.
        var eventTypes: [String]?
        /// When false, callbacks carry a placeholder name instead of the user's.
        var sendName: Bool
        /// When false, callbacks carry no avatar.
        var sendPhoto: Bool
    }

    /// What the fake knows about one user of this bot.
    struct Subscriber {
        /// The user object.
        var user: FakeViber.User
        /// Subscribed (pressed subscribe or wrote to the bot) and not unsubscribed since.
        var subscribed = false
        /// When the user last wrote; opens a 24 h session for the commercial modes.
        var lastMessageAt: Date?
        /// Times of sends since the user last wrote, for the unanswered-message limit.
        var unansweredSends: [Date] = []
        /// Times of get_user_details calls about this user.
        var detailLookups: [Date] = []
        /// `tracking_data` of the last message sent to the user; echoed in the next user message.
        var lastTrackingData: String?
    }

    /// `name` of get_account_info, and of the public chat.
    var name: String
    /// `uri`: the bot's public id used in `viber://pa?chatURI=`.
    var uri: String
    /// `icon` URL.
    var avatar: String?
    /// The webhook, if one is set.
    var webhook: Webhook?
    /// Users by id.
    var users: [String: Subscriber] = [:]
    /// Accepted messages, oldest first.
    var sent: [FakeViber.SentMessage] = []
    /// Every API call with this token, oldest first.
    var calls: [FakeViber.Call] = []
    /// Every callback POST, oldest first.
    var callbackAttempts: [FakeViber.CallbackAttempt] = []
    /// Injected faults by method name, oldest first; nil lets one call through.
    var faults: [String: [FakeViber.Fault?]] = [:]
    /// Whether the account may send.
    var accountState: FakeViber.AccountState = .active
    /// Commercial mode for out-of-session sends.
    var billing: FakeViber.Billing = .unlimited

    /// The event types a callback may be filtered by; the others are always sent.
    static let filterableEvents: Set<String> = ["delivered", "seen", "failed", "conversation_started"]
    /// Every event type set_webhook accepts, in the order Viber lists them.
    static let allEventTypes = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started", "message"]

    /// Whether the webhook wants callbacks of `event`.
    func accepts(event: String) -> Bool {
        guard Self.filterableEvents.contains(event), let types = webhook?.eventTypes else { return true }
        return types.contains(event)
    }

    /// Subscribers now; `subscribers_count` of get_account_info.
    var subscriberCount: Int { users.values.filter(\.subscribed).count }
}
