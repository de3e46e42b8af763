import Secrets
public import SwitchboardCore
import TelegramChannel

extension ChannelAdmin {
    /// Connects a Telegram channel to a staff supergroup for topic mode, after asking Telegram whether
    /// the group can serve (a forum where the bot manages topics). Nothing is stored when it cannot.
    /// - Throws: `ChannelAdminError` naming every missing piece, or Telegram's own refusal (`chat not found`).
    public func connectStaffGroup(_ channelID: ChannelID, chatID: Int64) async throws -> Summary {
        let (channel, credentials) = try await telegramCredentials(channelID)
        var settings = TelegramChannelSettings(json: credentials.settingsJSON)
        let api = TelegramBotAPI(token: try secrets.open(credentials.tokenCiphertext), endpoint: settings.endpoint, transport: transport)
        let facts: StaffGroupFacts
        do {
            facts = try await api.staffGroupFacts(chatID: chatID)
        } catch let error as TelegramAPIError where error.code == 400 || error.code == 403 {
            throw ChannelAdminError("Telegram refused to show chat \(chatID) to the bot (\(error)): add the bot to the group first")
        }
        let problems = StaffGroupCheck.problems(facts)
        guard problems.isEmpty else {
            throw ChannelAdminError("chat \(chatID) cannot be the staff group: " + problems.map(\.description).joined(separator: "; "))
        }
        let before = try await auditedFields(channel.id)
        settings.staffGroupChatID = chatID
        try await store.updateChannel(channel.id, ChannelChange(settingsJSON: settings.json))
        try await recordChange("updated", channel.id, before: before)
        return try await summary(channel.id)
    }

    /// Turns topic mode off: conversations stay, no new topics are made.
    public func disconnectStaffGroup(_ channelID: ChannelID) async throws -> Summary {
        let (channel, credentials) = try await telegramCredentials(channelID)
        var settings = TelegramChannelSettings(json: credentials.settingsJSON)
        let before = try await auditedFields(channel.id)
        settings.staffGroupChatID = nil
        try await store.updateChannel(channel.id, ChannelChange(settingsJSON: settings.json))
        try await recordChange("updated", channel.id, before: before)
        return try await summary(channel.id)
    }

    private func telegramCredentials(_ channelID: ChannelID) async throws -> (Channel, ChannelCredentials) {
        guard let channel = try await store.channels().first(where: { $0.id == channelID }),
            let credentials = try await store.channelCredentials(channelID)
        else { throw ChannelAdminError("no channel with id \(channelID)") }
        guard channel.kind == .telegram else { throw ChannelAdminError("only Telegram channels have a staff group") }
        return (channel, credentials)
    }
}
