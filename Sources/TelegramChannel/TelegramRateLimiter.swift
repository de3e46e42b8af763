/// Keeps one bot's sends under Telegram's flood limits by waiting for a slot, not by provoking 429s.
///
/// Telegram publishes about 30 messages/s per bot, 1/s per chat with short bursts and 20/min per
/// group. The defaults sit a little under those and with smaller bursts than the server allows,
/// so network jitter (two sends arriving closer together than they left) never tips a bucket over.
public actor TelegramRateLimiter {
    /// Bucket shapes for the bot, private chats and groups.
    public struct Limits: Sendable, Equatable {
        /// Sends allowed back to back per bot, and sustained sends per second.
        public var botBurst: Int
        public var botPerSecond: Double
        /// The same for one private chat (positive chat id).
        public var chatBurst: Int
        public var chatPerSecond: Double
        /// The same for one group, supergroup or channel (negative chat id).
        public var groupBurst: Int
        public var groupPerSecond: Double

        /// Creates limits.
        public init(botBurst: Int, botPerSecond: Double, chatBurst: Int, chatPerSecond: Double, groupBurst: Int, groupPerSecond: Double) {
            self.botBurst = botBurst
            self.botPerSecond = botPerSecond
            self.chatBurst = chatBurst
            self.chatPerSecond = chatPerSecond
            self.groupBurst = groupBurst
            self.groupPerSecond = groupPerSecond
        }

        /// Just under Telegram's published limits (29/s per bot, 1/s per chat, 19/min per group).
        public static let telegram = Limits(
            botBurst: 20,
            botPerSecond: 29,
            chatBurst: 2,
            chatPerSecond: 1,
            groupBurst: 10,
            groupPerSecond: 19.0 / 60
        )
    }

    private var schedule: SendSchedule
    /// The buckets every instance shares, when several send through this bot; nil: this process's own.
    private let shared: SharedSendSchedule?
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    /// Creates a limiter with full buckets.
    /// - Parameter shared: the store of the buckets when several instances send through this bot
    ///   (a cluster on one PostgreSQL database); nil keeps them in this process.
    public init(limits: Limits = .telegram, shared: (any SharedSendSlots)? = nil) {
        let schedule = SendSchedule(
            perBot: .init(burst: limits.botBurst, perSecond: limits.botPerSecond),
            perChat: .init(burst: limits.chatBurst, perSecond: limits.chatPerSecond),
            perGroup: .init(burst: limits.groupBurst, perSecond: limits.groupPerSecond)
        )
        self.schedule = schedule
        self.shared = shared.map { SharedSendSchedule(rules: schedule, slots: $0) }
        origin = clock.now
    }

    /// Waits until one more send to `chatID` keeps every bucket within its limit.
    /// - Throws: `CancellationError`; the reserved slot is then simply left unused. With shared
    ///   buckets, also when the store cannot be reached: the send is then retried later.
    public func acquire(chatID: Int64) async throws {
        if let shared {
            try await wait(try await shared.reserveChat(chatID))
            try await wait(try await shared.reserveBot())
            return
        }
        try await sleep(until: schedule.reserveChat(chatID, now: seconds(clock.now)))
        try await sleep(until: schedule.reserveBot(now: seconds(clock.now)))
    }

    /// Takes one send slot for `chatID` if one is free now, without waiting: for hints such as
    /// "typing…" that are worth sending only now, yet count against the same flood limits.
    /// - Returns: whether a slot was taken (never when shared buckets cannot be reached).
    public func acquireIfFree(chatID: Int64) async -> Bool {
        if let shared { return (try? await shared.reserveIfFree(chatID)) ?? false }
        return schedule.reserveIfFree(chatID, now: seconds(clock.now))
    }

    /// Holds back every send to `chatID` for `seconds`, after Telegram answered 429 with `retry_after`.
    public func pause(chatID: Int64, seconds delay: Double) async {
        schedule.pause(chatID: chatID, until: seconds(clock.now) + delay)
        // Shared buckets: the other instances hold back too. If the store cannot be reached, the
        // next 429 says so again.
        try? await shared?.pause(chatID, seconds: delay)
    }

    private func wait(_ seconds: Double) async throws {
        if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
    }

    private func sleep(until slot: Double) async throws {
        let wait = slot - seconds(clock.now)
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
    }

    private func seconds(_ instant: ContinuousClock.Instant) -> Double {
        let duration = origin.duration(to: instant)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
