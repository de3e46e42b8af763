public import Foundation

extension FakeTelegram {
    /// Settings of one fake server; the defaults behave like Telegram, with time compressed where tests need it.
    public struct Configuration: Sendable {
        /// Flood limits; `.unlimited` switches them off.
        public var rateLimits: RateLimits = .telegram
        /// Allows `http://` webhooks on any port (tests and the demo use 127.0.0.1).
        ///
        /// The real API requires HTTPS on port 443, 80, 88 or 8443; without this flag the fake enforces that too.
        public var allowInsecureWebhooks = false
        /// First delay before re-POSTing a failed webhook update; doubles after each failure.
        public var webhookRetryBaseDelay: Duration = .milliseconds(50)
        /// Upper bound of the doubling delay (the real server uses a random 60–120 s).
        public var webhookRetryMaxDelay: Duration = .seconds(2)
        /// How long one webhook POST may take before it counts as failed.
        public var webhookRequestTimeout: Duration = .seconds(10)
        /// Cap of `getUpdates.timeout` in seconds (the real server uses 50).
        public var maxLongPollTimeout: Double = 50
        /// When true, sends to chats the fake never saw (no update, no `addChat`) fail with 400 `chat not found`.
        public var strictChats = false
        /// Wall clock for `date` fields, records and rate limits; inject a fixed or stepped clock in tests.
        public var now: @Sendable () -> Date = { Date() }

        /// Creates the default configuration.
        public init() {}
    }

    /// Token-bucket flood limits, per bot.
    public struct RateLimits: Sendable {
        /// One token bucket: `burst` tokens, refilled at `perSecond`.
        public struct Rule: Sendable, Equatable {
            /// Bucket size: how many sends may go at once.
            public var burst: Int
            /// Refill rate in tokens per second.
            public var perSecond: Double

            /// Creates a rule.
            public init(burst: Int, perSecond: Double) {
                self.burst = burst
                self.perSecond = perSecond
            }
        }

        /// Per private chat (positive chat id); nil = unlimited.
        public var privateChat: Rule?
        /// Per group, supergroup or channel (negative chat id); nil = unlimited.
        public var group: Rule?
        /// All sends of one bot; nil = unlimited.
        public var global: Rule?

        /// Creates limits.
        public init(privateChat: Rule?, group: Rule?, global: Rule?) {
            self.privateChat = privateChat
            self.group = group
            self.global = global
        }

        /// Telegram's published figures: about 1 message/s per chat (small bursts), 20/min per group, 30/s per bot.
        public static let telegram = RateLimits(
            privateChat: Rule(burst: 3, perSecond: 1),
            group: Rule(burst: 20, perSecond: 20.0 / 60),
            global: Rule(burst: 30, perSecond: 30)
        )

        /// No flood control at all.
        public static let unlimited = RateLimits(privateChat: nil, group: nil, global: nil)
    }
}
