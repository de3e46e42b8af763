/// The bounds of the live stream.
public struct StreamLimits: Sendable, Equatable {
    /// How many events behind the latest one `?after=` may start; further back gets a reset frame.
    public var replayWindow: Int64
    /// Open streams per operator; the next upgrade is refused with 429.
    public var streamsPerOperator: Int

    /// Creates limits.
    public init(replayWindow: Int64 = 1_000, streamsPerOperator: Int = 8) {
        self.replayWindow = replayWindow
        self.streamsPerOperator = streamsPerOperator
    }
}
