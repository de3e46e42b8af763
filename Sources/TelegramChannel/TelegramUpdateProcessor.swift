public import Foundation
public import Logging
public import SwitchboardCore

/// The inbound path shared by the poller and the webhook: map → fetch media → ingest → answer.
///
/// Returns only after the router committed the event, which is the moment the caller may
/// acknowledge Telegram (advance the offset, answer 200).
public struct TelegramUpdateProcessor: Sendable {
    let mapper: TelegramUpdateMapper
    let media: TelegramMediaFetcher
    let sink: any InboundSink
    let api: TelegramBotAPI
    let logger: Logger

    /// Creates a processor.
    /// - Parameters:
    ///   - channelID: The channel the updates belong to.
    ///   - api: The bot's client, for getFile and answerCallbackQuery.
    ///   - sink: The router.
    ///   - media: Where downloaded files go; nil keeps attachments as references only.
    public init(channelID: ChannelID, api: TelegramBotAPI, sink: any InboundSink, media: (any MediaStore)?, logger: Logger) {
        self.mapper = TelegramUpdateMapper(channelID: channelID, botID: BotTokenIdentity.telegramBotID(of: api.token))
        self.media = TelegramMediaFetcher(api: api, media: media, channelID: channelID)
        self.sink = sink
        self.api = api
        self.logger = logger
    }

    /// Processes one raw update.
    /// - Returns: The `update_id`, or nil for an object without one (logged and skipped).
    /// - Throws: the sink's error when the commit failed; the update must then not be acknowledged.
    @discardableResult
    public func process(_ raw: JSONValue, receivedAt: Date = Date()) async throws -> Int64? {
        guard var update = mapper.map(raw, receivedAt: receivedAt) else {
            logger.error("telegram update without update_id skipped", metadata: ["channel": "\(mapper.channelID)"])
            return nil
        }
        if case .message(let id, let text, let attachments, let context) = update.event.payload, !attachments.isEmpty {
            let fetched = try await media.fetch(attachments)
            update.event.payload = .message(externalMessageID: id, text: text, attachments: fetched, contextKey: context)
        }
        _ = try await sink.ingest(update.event)
        if let queryID = update.callbackQueryID {
            // Answered on redelivery too: a crash may have come between the commit and the answer.
            await answer(queryID)
        }
        return update.updateID
    }

    private func answer(_ queryID: String) async {
        do {
            try await api.answerCallbackQuery(id: queryID)
        } catch {
            // The press is already stored; a late answer only leaves the client's spinner on for a while.
            logger.warning("could not answer callback query", metadata: ["channel": "\(mapper.channelID)", "error": "\(error)"])
        }
    }
}
