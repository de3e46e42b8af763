import PostgresStore
import SwitchboardCore
import TelegramChannel

/// One Telegram bot's send buckets in the cluster's database, so every instance sending through the
/// bot draws on one budget: Telegram's limits hold for the bot, not for each instance.
struct PostgresSendSlots: SharedSendSlots {
    let store: PostgresStore
    let channel: ChannelID

    func decide<Result: Sendable>(
        buckets: [Int64],
        _ decide: @escaping @Sendable ([Int64: Double], Double) -> (arrivals: [Int64: Double], result: Result)
    ) async throws -> Result {
        try await store.decideSendSlots(channel: channel, buckets: buckets, decide)
    }
}
