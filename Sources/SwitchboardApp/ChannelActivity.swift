public import Foundation

/// What each channel did lately, for the admin's live view: the last client message and the last
/// delivery that failed for good. Kept in memory: it describes this process's life.
public actor ChannelActivity {
    /// A failure and when it happened.
    public struct Failure: Sendable, Equatable, Encodable {
        public var reason: String
        public var at: Date
    }

    private var lastInbound: [String: Date] = [:]
    private var lastFailure: [String: Failure] = [:]

    /// Creates an empty record.
    public init() {}

    func recordInbound(channel: String, at date: Date) {
        lastInbound[channel] = max(date, lastInbound[channel] ?? date)
    }

    func recordFailure(channel: String, reason: String, at date: Date) {
        lastFailure[channel] = Failure(reason: reason, at: date)
    }

    /// When the channel last stored a client message in this process's life.
    public func lastInboundAt(channel: String) -> Date? { lastInbound[channel] }

    /// The channel's last delivery that failed for good.
    public func lastFailure(channel: String) -> Failure? { lastFailure[channel] }
}
