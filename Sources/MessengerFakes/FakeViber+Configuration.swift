public import Foundation

extension FakeViber {
    /// Settings of one fake server; the defaults behave like Viber, with time compressed where tests need it.
    public struct Configuration: Sendable {
        /// Allows `http://` webhook URLs (tests and the demo use 127.0.0.1); Viber itself demands HTTPS.
        public var allowInsecureWebhooks = false
        /// Messages the bot may send one user without a reply, per ``unansweredWindow``; nil = unlimited.
        public var unansweredMessageLimit: Int? = 100
        /// Sliding window of ``unansweredMessageLimit`` (Viber: one hour).
        public var unansweredWindow: TimeInterval = 3600
        /// `get_user_details` calls per user per ``userDetailsWindow``; nil = unlimited.
        public var userDetailsLimit: Int? = 2
        /// Sliding window of ``userDetailsLimit`` (Viber: 12 hours).
        public var userDetailsWindow: TimeInterval = 12 * 3600
        /// How long after the user's last message a send counts as in-session (free) for the commercial modes.
        public var sessionLength: TimeInterval = 24 * 3600
        /// How many times one callback is POSTed at most (first try included) before the fake gives up.
        public var callbackMaxAttempts = 4
        /// Delay before the first redelivery; doubles after each failure (Viber retries over an hour).
        public var callbackRetryBaseDelay: Duration = .milliseconds(50)
        /// Upper bound of the doubling redelivery delay.
        public var callbackRetryMaxDelay: Duration = .seconds(1)
        /// How long one callback POST may take before it counts as failed.
        public var callbackTimeout: Duration = .seconds(10)
        /// How long fetching the media of a picture, video or file message may take before it counts as failed.
        public var mediaFetchTimeout: Duration = .seconds(30)
        /// Largest accepted request body (Viber: 30 KB); bigger bodies get `badData`.
        public var maxBodyBytes = 30 * 1024
        /// When true (as on Viber), `send_message` answers `webhookNotSet` until a webhook is set.
        public var requireWebhookForSending = true
        /// `chat_hostname` of every answer and callback.
        public var chatHostname = "SN-CHAT-05_"
        /// First `message_token` handed out; above 2^53 so clients that parse into `Double` lose digits.
        public var firstMessageToken: Int64 = 5_491_236_851_337_617_001
        /// Wall clock for timestamps, windows and records; inject a fixed or stepped clock in tests.
        public var now: @Sendable () -> Date = { Date() }

        /// Creates the default configuration.
        public init() {}
    }

    /// Whether the account may send at all; Viber answers 7 or 9 to a blocked or suspended bot.
    public enum AccountState: Sendable, Equatable {
        /// Normal operation.
        case active
        /// `send_message` answers `publicAccountBlocked` (7).
        case blocked
        /// `send_message` answers `publicAccountSuspended` (9).
        case suspended
    }

    /// Commercial terms for messages outside a session (more than ``Configuration/sessionLength`` after the user wrote).
    public enum Billing: Sendable, Equatable {
        /// Every send is accepted.
        case unlimited
        /// Out-of-session sends answer `freeMessagesExceeded` (23).
        case freeMessagesExceeded
        /// Out-of-session sends answer `noBalance` (24).
        case noBalance
    }
}
