public import Foundation

/// How often the client is shown "typing…": at most once per conversation per ``interval``.
///
/// The inbox sends a typing frame on every keystroke burst; each would otherwise become a
/// messenger call that spends the bot's send budget and can earn a 429 for the real replies.
/// Telegram shows the hint for about five seconds, so one call every four keeps it on.
public struct TypingThrottle: Sendable {
    /// Shortest time between two hints in one conversation.
    public static let interval: TimeInterval = 4
    /// Conversations remembered before the ones whose hint has run out are forgotten.
    static let memoryBound = 1024

    private var lastShown: [ConversationID: Date] = [:]

    /// Creates a throttle that has shown nothing yet.
    public init() {}

    /// Whether a typing hint for `conversation` goes out at `now`; if so, it counts as shown.
    public mutating func admit(_ conversation: ConversationID, at now: Date) -> Bool {
        if let last = lastShown[conversation], now >= last, now.timeIntervalSince(last) < Self.interval { return false }
        lastShown[conversation] = now
        if lastShown.count > Self.memoryBound {
            lastShown = lastShown.filter { now.timeIntervalSince($0.value) < Self.interval }
        }
        return true
    }

    /// How many conversations are remembered (bounded: those shown within the last ``interval`` and a little more).
    public var remembered: Int { lastShown.count }
}
