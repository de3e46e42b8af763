/// Where a bot's send buckets live when several instances send through one bot: in a store they all
/// share, so together they keep to Telegram's limits for the bot and for each chat.
public protocol SharedSendSlots: Sendable {
    /// Loads the theoretical arrival times of `buckets` (absent: a full bucket) and the store's clock
    /// in seconds, lets `decide` compute new times and a result, and saves the new times, while every
    /// other instance's decision on these buckets waits.
    func decide<Result: Sendable>(
        buckets: [Int64],
        _ decide: @escaping @Sendable (_ arrivals: [Int64: Double], _ now: Double) -> (arrivals: [Int64: Double], result: Result)
    ) async throws -> Result
}

/// ``SendSchedule``'s rules applied to buckets in a ``SharedSendSlots`` store, on the store's clock:
/// each reservation answers how long to wait from now, so the instances' own clocks never matter.
struct SharedSendSchedule: Sendable {
    /// The bucket of the bot itself; no Telegram chat has id 0.
    static let botBucket: Int64 = 0

    let rules: SendSchedule
    let slots: any SharedSendSlots

    /// Reserves the earliest slot of `chatID`'s bucket; returns the seconds to wait for it.
    func reserveChat(_ chatID: Int64) async throws -> Double {
        let rule = rules.rule(forChat: chatID)
        return try await slots.decide(buckets: [chatID]) { arrivals, now in
            let reserved = rule.reserve(arrival: arrivals[chatID], now: now)
            return ([chatID: reserved.arrival], reserved.slot - now)
        }
    }

    /// Reserves the earliest slot of the bot's bucket; returns the seconds to wait for it.
    func reserveBot() async throws -> Double {
        let rule = rules.perBot
        return try await slots.decide(buckets: [Self.botBucket]) { arrivals, now in
            let reserved = rule.reserve(arrival: arrivals[Self.botBucket], now: now)
            return ([Self.botBucket: reserved.arrival], reserved.slot - now)
        }
    }

    /// Reserves a slot of `chatID`'s bucket and the bot's only when both allow a send now.
    func reserveIfFree(_ chatID: Int64) async throws -> Bool {
        let chatRule = rules.rule(forChat: chatID)
        let botRule = rules.perBot
        return try await slots.decide(buckets: [chatID, Self.botBucket]) { arrivals, now in
            guard chatRule.isFree(arrival: arrivals[chatID], now: now), botRule.isFree(arrival: arrivals[Self.botBucket], now: now) else {
                return ([:], false)
            }
            let chat = chatRule.reserve(arrival: arrivals[chatID], now: now)
            let bot = botRule.reserve(arrival: arrivals[Self.botBucket], now: now)
            return ([chatID: chat.arrival, Self.botBucket: bot.arrival], true)
        }
    }

    /// Keeps `chatID` silent for `seconds` from now, for every instance.
    func pause(_ chatID: Int64, seconds: Double) async throws {
        let rule = rules.rule(forChat: chatID)
        try await slots.decide(buckets: [chatID]) { arrivals, now in
            ([chatID: rule.paused(arrival: arrivals[chatID], until: now + seconds)], ())
        }
    }
}
