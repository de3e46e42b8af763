/// Where a new stream starts, given the client's `?after=` and the latest committed seq.
///
/// A reconnecting inbox replays what it missed, but only within a bounded window: a client further
/// behind (or one that never connected) would otherwise pull the whole log through one socket. Beyond
/// the window the client is told to reload its lists instead.
public enum StreamReplay: Sendable, Equatable {
    /// Deliver every event after this seq (the backlog first, then live ones).
    case replay(after: Int64)
    /// Too far behind: send a reset frame, then deliver live events after this seq.
    case reset(latest: Int64)

    /// The seq the subscription starts after.
    public var after: Int64 {
        switch self {
        case .replay(let seq), .reset(let seq): seq
        }
    }

    /// Decides how a stream starts.
    /// - Parameters:
    ///   - after: the client's last seen seq; nil means "from now on".
    ///   - latest: the latest committed seq.
    ///   - window: how many events behind `latest` a replay may start.
    public init(after: Int64?, latest: Int64, window: Int64) {
        guard let after else {
            self = .replay(after: latest)
            return
        }
        if after < latest - window {
            self = .reset(latest: latest)
        } else {
            // A seq from the future (another database) would hide events up to it: clamp it.
            self = .replay(after: min(after, latest))
        }
    }
}
