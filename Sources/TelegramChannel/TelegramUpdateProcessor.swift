public import Foundation
public import Logging
public import SwitchboardCore

/// The inbound path shared by the poller and the webhook: map → ingest → answer → queue media.
///
/// Returns only after the router committed the event, which is the moment the caller may
/// acknowledge Telegram (advance the offset, answer 200). With a download queue, files are not
/// fetched on this path: the message is stored with its files pending and they are queued after
/// the commit, so a slow download never holds up the answer.
public struct TelegramUpdateProcessor: Sendable {
    let mapper: TelegramUpdateMapper
    let media: TelegramMediaFetcher
    let sink: any InboundSink
    let downloads: (any MediaDownloadQueue)?
    let api: TelegramBotAPI
    let logger: Logger
    /// Topic mode: updates from the staff group go here instead of becoming client conversations.
    let staff: (mapper: TelegramStaffUpdateMapper, sink: any StaffSink)?

    /// Creates a processor.
    /// - Parameters:
    ///   - channelID: The channel the updates belong to.
    ///   - api: The bot's client, for getFile and answerCallbackQuery.
    ///   - sink: The router.
    ///   - media: Where downloaded files go; nil keeps attachments as references only.
    ///   - downloads: Where files are queued after the commit; nil fetches them before it.
    ///   - mediaAPI: The bot's client for file downloads (its own connections, apart from sends); `api` when nil.
    ///   - botUsername: The bot's @username, so group messages that mention it are recognised.
    public init(
        channelID: ChannelID,
        api: TelegramBotAPI,
        sink: any InboundSink,
        media: (any MediaStore)?,
        downloads: (any MediaDownloadQueue)? = nil,
        mediaAPI: TelegramBotAPI? = nil,
        botUsername: String? = nil,
        staff: (mapper: TelegramStaffUpdateMapper, sink: any StaffSink)? = nil,
        logger: Logger
    ) {
        self.staff = staff
        self.mapper = TelegramUpdateMapper(channelID: channelID, botID: BotTokenIdentity.telegramBotID(of: api.token), botUsername: botUsername)
        self.media = TelegramMediaFetcher(api: mediaAPI ?? api, media: media, channelID: channelID)
        self.sink = sink
        self.downloads = downloads
        self.api = api
        self.logger = logger
    }

    /// Processes one raw update.
    /// - Returns: The `update_id`, or nil for an object without one (logged and skipped).
    /// - Throws: the sink's error when the commit failed; the update must then not be acknowledged.
    @discardableResult
    public func process(_ raw: JSONValue, receivedAt: Date = Date()) async throws -> Int64? {
        if let staff, staff.mapper.isStaffUpdate(raw) {
            if let update = staff.mapper.map(raw) { try await staff.sink.ingestStaff(update) }
            return raw["update_id"]?.intValue
        }
        guard let prepared = try await prepare(raw, receivedAt: receivedAt) else { return nil }
        await finish(prepared, try await sink.ingest(prepared.update.event))
        return prepared.update.updateID
    }

    /// Processes a getUpdates page in order. The client updates between two staff updates go to the
    /// sink as one group, which the router commits in one transaction.
    /// - Parameter acknowledged: called with each `update_id`, in page order, once that update and
    ///   every one before it are committed: how far the poller may advance its offset.
    /// - Throws: the error of the first update that could not be committed. Later updates of its
    ///   group that did commit are answered and their files queued, but not acknowledged, so
    ///   Telegram redelivers them and the router finds them duplicates.
    public func process(page: [JSONValue], receivedAt: Date = Date(), acknowledged: (Int64) -> Void) async throws {
        var group: [Prepared] = []
        for raw in page {
            if let staff, staff.mapper.isStaffUpdate(raw) {
                try await commit(group, acknowledged: acknowledged)
                group = []
                if let update = staff.mapper.map(raw) { try await staff.sink.ingestStaff(update) }
                if let id = raw["update_id"]?.intValue { acknowledged(id) }
                continue
            }
            let prepared: Prepared?
            do {
                prepared = try await prepare(raw, receivedAt: receivedAt)
            } catch {
                // The updates before this one are ready: commit them before giving up on the page.
                try await commit(group, acknowledged: acknowledged)
                throw error
            }
            if let prepared { group.append(prepared) }
        }
        try await commit(group, acknowledged: acknowledged)
    }

    /// An update mapped and with its files ready, waiting for its commit.
    struct Prepared: Sendable {
        var update: TelegramInboundUpdate
        /// Files stored as pending, to queue once the message has an id.
        var pending: [Attachment]
    }

    /// Maps an update and readies its files: marked pending with a download queue, fetched without one.
    /// - Returns: nil for an object without `update_id` (logged).
    private func prepare(_ raw: JSONValue, receivedAt: Date) async throws -> Prepared? {
        guard var update = mapper.map(raw, receivedAt: receivedAt) else {
            logger.error("telegram update without update_id skipped", metadata: ["channel": "\(mapper.channelID)"])
            return nil
        }
        var pending: [Attachment] = []
        if case .message(let id, let text, let attachments, let context) = update.event.payload, !attachments.isEmpty {
            let prepared: [Attachment]
            if downloads != nil, media.canStore {
                prepared = attachments.map(AttachmentDownload.markPending)
                pending = prepared.filter(AttachmentDownload.isPending)
            } else {
                prepared = try await media.fetch(attachments)
            }
            update.event.payload = .message(externalMessageID: id, text: text, attachments: prepared, contextKey: context)
        }
        return Prepared(update: update, pending: pending)
    }

    /// Commits a group in one call and finishes each committed update; acknowledges the prefix before the first failure.
    private func commit(_ group: [Prepared], acknowledged: (Int64) -> Void) async throws {
        guard !group.isEmpty else { return }
        let results = await sink.ingest(group.map(\.update.event))
        var firstFailure: (any Error)?
        for (prepared, result) in zip(group, results) {
            switch result {
            case .success(let outcome):
                await finish(prepared, outcome)
                if firstFailure == nil { acknowledged(prepared.update.updateID) }
            case .failure(let error):
                if firstFailure == nil { firstFailure = error }
            }
        }
        if let firstFailure { throw firstFailure }
    }

    /// After the commit: answers a button press and queues the message's files.
    private func finish(_ prepared: Prepared, _ outcome: IngestOutcome) async {
        if let queryID = prepared.update.callbackQueryID {
            // Answered on redelivery too: a crash may have come between the commit and the answer.
            await answer(queryID)
        }
        if case .new(let result) = outcome, let messageID = result.messageID {
            await queue(prepared.pending.map { PendingDownload(messageID: messageID, attachment: $0) })
        }
    }

    /// Queues files of this channel that are still to be fetched (left pending by a restart).
    public func queue(_ pending: [PendingDownload]) async {
        guard let downloads else { return }
        let media = self.media
        for file in pending {
            await downloads.enqueue(MediaDownloadJob(messageID: file.messageID, attachment: file.attachment) { try await media.download($0) })
        }
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
