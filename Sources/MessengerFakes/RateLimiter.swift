import Foundation

/// A token bucket on wall-clock seconds.
struct TokenBucket: Sendable {
    /// Capacity and refill rate.
    let rule: FakeTelegram.RateLimits.Rule
    /// Tokens left at `updatedAt`.
    private(set) var tokens: Double
    /// Time of the last refill, seconds since 1970.
    private var updatedAt: Double

    /// Creates a full bucket.
    init(rule: FakeTelegram.RateLimits.Rule, now: Double) {
        self.rule = rule
        self.tokens = Double(rule.burst)
        self.updatedAt = now
    }

    /// Adds the tokens earned since the last refill.
    mutating func refill(now: Double) {
        guard now > updatedAt else { return }
        tokens = min(Double(rule.burst), tokens + (now - updatedAt) * rule.perSecond)
        updatedAt = now
    }

    /// Seconds until one token is available; 0 when one is available now.
    func wait(now: Double) -> Double {
        tokens >= 1 ? 0 : (1 - tokens) / max(rule.perSecond, .leastNonzeroMagnitude)
    }

    /// Spends one token.
    mutating func take() { tokens -= 1 }
}

/// Telegram-like flood control: a bucket per chat plus one for the whole bot.
struct RateLimiter: Sendable {
    /// The configured limits.
    let limits: FakeTelegram.RateLimits
    private var chats: [Int64: TokenBucket] = [:]
    private var global: TokenBucket?

    /// Creates a limiter with full buckets.
    init(limits: FakeTelegram.RateLimits) { self.limits = limits }

    /// Admits one send to `chatId` or says how long to wait.
    ///
    /// A rejected send spends no token, so a client that waits `retry_after` is admitted.
    /// - Returns: nil when admitted, otherwise `retry_after` in whole seconds (at least 1).
    mutating func admit(chatId: Int64, now: Double) -> Int? {
        let chatRule = chatId < 0 ? limits.group : limits.privateChat
        var chat = chats[chatId] ?? chatRule.map { TokenBucket(rule: $0, now: now) }
        var bot = global ?? limits.global.map { TokenBucket(rule: $0, now: now) }
        chat?.refill(now: now)
        bot?.refill(now: now)
        let wait = max(chat?.wait(now: now) ?? 0, bot?.wait(now: now) ?? 0)
        if wait == 0 {
            chat?.take()
            bot?.take()
        }
        chats[chatId] = chat
        global = bot
        return wait == 0 ? nil : max(1, Int(wait.rounded(.up)))
    }
}
