public import Foundation

/// How many messages an identity may send before it is muted, and for how long.
public struct FloodLimits: Sendable, Equatable {
    /// Messages allowed in one window; the next one mutes the identity.
    public var messages: Int
    /// The counting window, in seconds.
    public var window: TimeInterval
    /// How long a muted identity stays muted, in seconds.
    public var mute: TimeInterval

    /// Creates limits.
    public init(messages: Int = 20, window: TimeInterval = 60, mute: TimeInterval = 600) {
        self.messages = messages
        self.window = window
        self.mute = mute
    }

    /// 20 messages in 60 s, then 10 minutes muted.
    public static let standard = FloodLimits()
}

/// An identity's message count in its current window, and its mute when it has one.
public struct FloodState: Sendable, Equatable {
    /// When the current counting window started.
    public var windowStart: Date
    /// Client messages counted in the current window.
    public var count: Int
    /// Until when the identity is muted; nil when it is not.
    public var mutedUntil: Date?

    /// Creates a state.
    public init(windowStart: Date, count: Int, mutedUntil: Date? = nil) {
        self.windowStart = windowStart
        self.count = count
        self.mutedUntil = mutedUntil
    }
}

/// What flood control makes of one client message.
public enum FloodOutcome: Sendable, Equatable {
    /// Handled as usual.
    case normal
    /// This message went over the limit: the identity is muted until the date and told once.
    case muteStarts(until: Date)
    /// The identity is muted: the message is stored quietly.
    case muted
}

/// Counts an identity's messages in fixed windows and mutes it when it sends too many.
///
/// A window starts at the first message after the previous one ended (or after a mute ended), so
/// a client who writes steadily below the limit is never muted; messages while muted are not counted.
public enum FloodRule {
    /// Counts one client message sent at `now`.
    /// - Parameters:
    ///   - state: the identity's stored state, nil before its first counted message.
    /// - Returns: the state to store and what the message gets.
    public static func count(_ state: FloodState?, at now: Date, limits: FloodLimits) -> (state: FloodState, outcome: FloodOutcome) {
        if let state, let until = state.mutedUntil, now < until {
            return (state, .muted)
        }
        var next = state ?? FloodState(windowStart: now, count: 0)
        next.mutedUntil = nil
        if now.timeIntervalSince(next.windowStart) >= limits.window || now < next.windowStart || state?.mutedUntil != nil {
            next = FloodState(windowStart: now, count: 0)
        }
        next.count += 1
        guard next.count > limits.messages else { return (next, .normal) }
        let until = now.addingTimeInterval(limits.mute)
        next.mutedUntil = until
        return (next, .muteStarts(until: until))
    }
}
