public import SwitchboardCore

/// The adapters of the running channels, looked up by the outbox dispatcher.
///
/// Channel bridges register here when they start; a channel without an adapter makes the
/// dispatcher retry later with "channel is not connected" instead of losing the reply.
public actor ChannelAdapters: ChannelAdapterRegistry {
    private var adapters: [ChannelID: any ChannelAdapter] = [:]

    /// Creates an empty registry.
    public init() {}

    /// Registers or replaces the adapter of a channel.
    public func register(_ adapter: any ChannelAdapter, for channelID: ChannelID) {
        adapters[channelID] = adapter
    }

    /// Removes the adapter of a channel (paused or removed).
    public func remove(_ channelID: ChannelID) {
        adapters[channelID] = nil
    }

    public func adapter(for channelID: ChannelID) -> (any ChannelAdapter)? {
        adapters[channelID]
    }
}
