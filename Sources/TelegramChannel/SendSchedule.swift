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

        /// The earliest conforming slot at or after `now` of a bucket whose theoretical arrival time
        /// is `arrival` (nil: a full bucket), and the bucket's arrival time once the slot is taken.
        func reserve(arrival: Double?, now: Double) -> (slot: Double, arrival: Double) {
            let arrival = arrival ?? now
            let slot = max(now, arrival - tolerance)
            return (slot, max(arrival, slot) + interval)
        }

        /// Whether the bucket allows a send at `now` without waiting.
        func isFree(arrival: Double?, now: Double) -> Bool {
            (arrival ?? now) - tolerance <= now
        }

        /// The arrival time that keeps the bucket silent until `until`.
        func paused(arrival: Double?, until: Double) -> Double {
            max(arrival ?? until, until + tolerance)
        }
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

    /// The bucket rule of `chatID`: groups, supergroups and channels have negative ids.
    func rule(forChat chatID: Int64) -> Rule {
        chatID < 0 ? perGroup : perChat
    }

    /// Reserves the earliest slot of `chatID`'s bucket at or after `now`.
    /// - Returns: When the chat allows the send.
    mutating func reserveChat(_ chatID: Int64, now: Double) -> Double {
        let reserved = rule(forChat: chatID).reserve(arrival: chatArrivals[chatID], now: now)
        chatArrivals[chatID] = reserved.arrival
        if chatArrivals.count > 10_000 { prune(now: now) }
        return reserved.slot
    }

    /// Reserves the earliest slot of the bot's bucket at or after `now`.
    /// - Returns: When the bot allows the send.
    mutating func reserveBot(now: Double) -> Double {
        let reserved = perBot.reserve(arrival: botArrival, now: now)
        botArrival = reserved.arrival
        return reserved.slot
    }

    /// Reserves a slot of both `chatID`'s bucket and the bot's, but only when both allow a send at
    /// `now`; a send that would have to wait reserves nothing.
    /// - Returns: whether the send may go out now.
    mutating func reserveIfFree(_ chatID: Int64, now: Double) -> Bool {
        guard rule(forChat: chatID).isFree(arrival: chatArrivals[chatID], now: now), perBot.isFree(arrival: botArrival, now: now) else {
            return false
        }
        _ = reserveChat(chatID, now: now)
        _ = reserveBot(now: now)
        return true
    }

    /// Keeps `chatID` silent until `until`, as Telegram asked with `retry_after`.
    mutating func pause(chatID: Int64, until: Double) {
        chatArrivals[chatID] = rule(forChat: chatID).paused(arrival: chatArrivals[chatID], until: until)
    }

    /// Forgets buckets that are full again: a missing bucket means exactly that.
    mutating func prune(now: Double) {
        chatArrivals = chatArrivals.filter { $0.value > now }
    }
}
