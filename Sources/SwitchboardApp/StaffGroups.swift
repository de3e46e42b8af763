public import SwitchboardCore
import TelegramChannel

/// The staff groups of the running Telegram channels in topic mode, looked up by the topic dispatcher.
///
/// A channel registers its group when it starts with one connected and is removed when it stops, so
/// a paused channel or one whose topic mode was turned off gets no topic writes. Which channels are
/// in topic mode is read from the store, so events of a channel that has not started yet are queued.
public actor StaffGroups: StaffGroupRegistry {
    private let store: any Store
    private var groups: [ChannelID: (chatID: Int64, sender: any StaffGroupSender)] = [:]

    /// Creates an empty registry.
    public init(store: any Store) {
        self.store = store
    }

    /// Registers or replaces a channel's staff group.
    public func register(_ channelID: ChannelID, chatID: Int64, sender: any StaffGroupSender) {
        groups[channelID] = (chatID, sender)
    }

    /// Removes a channel's staff group.
    public func remove(_ channelID: ChannelID) {
        groups[channelID] = nil
    }

    public func staffGroup(for channelID: ChannelID) -> (chatID: Int64, sender: any StaffGroupSender)? {
        groups[channelID]
    }

    public func topicChannels() async throws -> Set<ChannelID> {
        var channels: Set<ChannelID> = []
        for channel in try await store.channels() where channel.kind == .telegram {
            guard let credentials = try await store.channelCredentials(channel.id),
                TelegramChannelSettings(json: credentials.settingsJSON).staffGroupChatID != nil
            else { continue }
            channels.insert(channel.id)
        }
        return channels
    }
}
