/// Token buckets in their "virtual scheduling" form (GCRA), on seconds.
///
/// Each bucket keeps a theoretical arrival time (TAT) instead of a token count: a send at `t`
/// conforms when `t >= TAT - tolerance`, and moves TAT one emission interval on. Reserving
/// returns the earliest conforming time, so callers wait for their slot instead of probing and
/// collecting 429s, and concurrent senders queue in order.
///
/// A send reserves its chat's bucket first and the bot's bucket only once the chat's slot has
/// come: reserving both at once would let one paused chat push the whole bot's schedule forward.
struct SendSchedule: Sendable {
    /// One bucket's shape.
    struct Rule: Sendable, Equatable {
        /// Sends allowed back to back from a full bucket.
        var burst: Int
        /// Sustained sends per second.
        var perSecond: Double

        var interval: Double { 1 / perSecond }
        var tolerance: Double { Double(max(burst, 1) - 1) * interval }
    }

    let perBot: Rule
    let perChat: Rule
    let perGroup: Rule
    private var botArrival: Double?
    private var chatArrivals: [Int64: Double] = [:]

    /// Creates a schedule with full buckets.
    init(perBot: Rule, perChat: Rule, perGroup: Rule) {
        self.perBot = perBot
        self.perChat = perChat
        self.perGroup = perGroup
    }

    /// Chats with a bucket, for tests of pruning.
    var trackedChats: Int { chatArrivals.count }

    /// Reserves the earliest slot of `chatID`'s bucket at or after `now`.
    /// - Returns: When the chat allows the send.
    mutating func reserveChat(_ chatID: Int64, now: Double) -> Double {
        let rule = chatID < 0 ? perGroup : perChat
        let arrival = chatArrivals[chatID] ?? now
        let slot = max(now, arrival - rule.tolerance)
        chatArrivals[chatID] = max(arrival, slot) + rule.interval
        if chatArrivals.count > 10_000 { prune(now: now) }
        return slot
    }

    /// Reserves the earliest slot of the bot's bucket at or after `now`.
    /// - Returns: When the bot allows the send.
    mutating func reserveBot(now: Double) -> Double {
        let arrival = botArrival ?? now
        let slot = max(now, arrival - perBot.tolerance)
        botArrival = max(arrival, slot) + perBot.interval
        return slot
    }

    /// Reserves a slot of both `chatID`'s bucket and the bot's, but only when both allow a send at
    /// `now`; a send that would have to wait reserves nothing.
    /// - Returns: whether the send may go out now.
    mutating func reserveIfFree(_ chatID: Int64, now: Double) -> Bool {
        let rule = chatID < 0 ? perGroup : perChat
        let chatFree = (chatArrivals[chatID] ?? now) - rule.tolerance <= now
        let botFree = (botArrival ?? now) - perBot.tolerance <= now
        guard chatFree, botFree else { return false }
        _ = reserveChat(chatID, now: now)
        _ = reserveBot(now: now)
        return true
    }

    /// Keeps `chatID` silent until `until`, as Telegram asked with `retry_after`.
    mutating func pause(chatID: Int64, until: Double) {
        let rule = chatID < 0 ? perGroup : perChat
        chatArrivals[chatID] = max(chatArrivals[chatID] ?? until, until + rule.tolerance)
    }

    /// Forgets buckets that are full again: a missing bucket means exactly that.
    mutating func prune(now: Double) {
        chatArrivals = chatArrivals.filter { $0.value > now }
    }
}
