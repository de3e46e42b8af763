public import Foundation
public import Logging
public import SwitchboardCore

/// `POST /webhooks/viber/{channel}`: verifies the signature, maps the callback, commits it, answers.
///
/// The HMAC over the raw bytes is checked before anything is parsed; 200 is answered only after
/// the commit (a failed commit answers 500, so Viber redelivers), and `conversation_started` is
/// answered with the channel's welcome message in the body, the only way Viber accepts one.
/// A client's files are stored pending and queued for download after the commit: Viber's media
/// URLs expire, but a download never holds up the answer.
public struct ViberWebhookEndpoint: WebhookEndpoint {
    /// The signature header, lower-cased as the web layer hands it over.
    public static let signatureHeader = "x-viber-content-signature"

    let token: String
    let mapper: ViberCallbackMapper
    let welcome: ViberMessageBody?
    let sink: any InboundSink
    let files: (fetcher: ViberMediaFetcher, queue: any MediaDownloadQueue)?
    let logger: Logger

    /// Creates the endpoint.
    /// - Parameters:
    ///   - token: The bot's auth token: the HMAC key of every callback.
    ///   - welcome: The answer to `conversation_started`; nil answers with an empty body (no welcome).
    ///   - files: Who copies a client's files and the queue they wait in; nil keeps them as Viber's URLs only.
    public init(
        channelID: ChannelID,
        token: String,
        welcome: ViberMessageBody?,
        sink: any InboundSink,
        files: (fetcher: ViberMediaFetcher, queue: any MediaDownloadQueue)? = nil,
        logger: Logger
    ) {
        self.token = token
        self.mapper = ViberCallbackMapper(channelID: channelID, token: token)
        self.welcome = welcome
        self.sink = sink
        self.files = files
        self.logger = logger
    }

    public func handle(_ request: WebhookRequest) async -> WebhookResponse {
        guard let presented = request.headers[Self.signatureHeader] else {
            logger.notice("viber callback without signature refused", metadata: ["channel": "\(mapper.channelID)"])
            return .error(401, code: "missing_signature", message: "The X-Viber-Content-Signature header is missing.")
        }
        guard ViberSignature.isValid(presented, body: request.body, token: token) else {
            logger.notice("viber callback with a wrong signature refused", metadata: ["channel": "\(mapper.channelID)"])
            return .error(403, code: "forged", message: "The signature does not match the body.")
        }
        guard let action = mapper.map(request.body, receivedAt: Date()) else {
            return .error(400, code: "invalid_json", message: "The body is not a JSON object with an event.")
        }
        switch action {
        case .handshake:
            return .ok(Data())
        case .ingest(var event, let answersWelcome):
            let pending = markFilesPending(&event)
            let outcome: IngestOutcome
            do {
                outcome = try await sink.ingest(event)
            } catch {
                logger.error("viber callback not committed", metadata: ["channel": "\(mapper.channelID)", "error": "\(error)"])
                return .error(500, code: "not_committed", message: "The callback could not be stored; Viber will retry.")
            }
            if case .new(let result) = outcome, let messageID = result.messageID {
                await queue(pending.map { PendingDownload(messageID: messageID, attachment: $0) })
            }
            // A redelivered conversation_started gets the welcome again: Viber never saw the first answer.
            guard answersWelcome, let welcome, let body = try? welcome.encoded() else { return .ok(Data()) }
            return .ok(body)
        }
    }

    /// Queues files of this channel that are still to be fetched (after the commit, or left pending by a restart).
    public func queue(_ pending: [PendingDownload]) async {
        guard let files else { return }
        let fetcher = files.fetcher
        for file in pending {
            await files.queue.enqueue(MediaDownloadJob(messageID: file.messageID, attachment: file.attachment) { try await fetcher.download($0) })
        }
    }

    /// Marks the event's files pending, so the message is stored at once and its files copied after.
    /// - Returns: the attachments now pending.
    private func markFilesPending(_ event: inout InboundEvent) -> [Attachment] {
        guard files != nil, case .message(let id, let text, let attachments, let context) = event.payload, !attachments.isEmpty else { return [] }
        let prepared = attachments.map(AttachmentDownload.markPending)
        event.payload = .message(externalMessageID: id, text: text, attachments: prepared, contextKey: context)
        return prepared.filter(AttachmentDownload.isPending)
    }
}
