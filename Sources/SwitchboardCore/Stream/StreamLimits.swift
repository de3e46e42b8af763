/// The bounds of the live stream.
public struct StreamLimits: Sendable, Equatable {
    /// How many events behind the latest one `?after=` may start; further back gets a reset frame.
    public var replayWindow: Int64
    /// Open streams per operator; the next upgrade is refused with 429.
    public var streamsPerOperator: Int
    /// How many published events may wait for an open stream before it is closed (4408) so that a
    /// slow browser never holds events in the server; below `replayWindow`, so its `?after=` resume
    /// is a replay, not a reset.
    public var maxLag: Int

    /// Creates limits.
    public init(replayWindow: Int64 = 1_000, streamsPerOperator: Int = 8, maxLag: Int = 500) {
        self.replayWindow = replayWindow
        self.streamsPerOperator = streamsPerOperator
        self.maxLag = maxLag
    }
}
