public import CurlHTTP
import Foundation
public import SwitchboardCore

/// Copies the files clients send over Viber (pictures, videos, files, sticker pictures) from
/// Viber's media URL into the media store, before the URL expires.
///
/// What is fetched, the size cap and which answers are final are ``InboundFileRules``'
/// decisions; this type only does the HTTP and the storing.
public struct ViberMediaFetcher: Sendable {
    let transport: any HTTPTransport
    let media: any MediaStore
    let channelID: ChannelID
    /// Time limit of one download (a 50 MB file on a slow link).
    var timeout: Duration = .seconds(300)

    /// Creates a fetcher.
    /// - Parameters:
    ///   - transport: The download connections, apart from the API's.
    ///   - media: Where the copies go.
    public init(transport: any HTTPTransport, media: any MediaStore, channelID: ChannelID) {
        self.transport = transport
        self.media = media
        self.channelID = channelID
    }

    /// Fetches one file into the media store.
    /// - Returns: the attachment with its `storedPath`, or with a `download_error` when no retry can
    ///   help (too big, not a web link, the link expired or is refused).
    /// - Throws: when a retry may help (the network, a 5xx, the disk).
    public func download(_ attachment: Attachment) async throws -> Attachment {
        guard let url = attachment.externalFileID, attachment.storedPath == nil else { return attachment }
        if let refusal = InboundFileRules.refusal(ofLink: url) {
            return AttachmentDownload.failed(attachment, reason: refusal)
        }
        if let size = attachment.byteCount, size > InboundFileRules.viberDownloadLimit {
            return AttachmentDownload.failed(attachment, reason: InboundFileRules.tooBig(size, limit: InboundFileRules.viberDownloadLimit))
        }
        let response = try await transport.send(HTTPRequest(url: url, timeout: timeout))
        switch InboundFileRules.failure(httpStatus: response.status, messenger: "Viber") {
        case .permanent(let reason, _)?, .recipientMoved(_, let reason)?:
            return AttachmentDownload.failed(attachment, reason: reason)
        case .transient(let reason)?, .retryAfter(_, let reason)?:
            throw DownloadError(reason: reason)
        case nil:
            break
        }
        if Int64(response.body.count) > InboundFileRules.viberDownloadLimit {
            return AttachmentDownload.failed(
                attachment,
                reason: InboundFileRules.tooBig(Int64(response.body.count), limit: InboundFileRules.viberDownloadLimit)
            )
        }
        var stored = attachment
        stored.mimeType = attachment.mimeType ?? response.header("Content-Type").map { String($0.prefix { $0 != ";" }) }
        let fileExtension = InboundFileRules.fileExtension(fileName: attachment.fileName, url: url, mimeType: stored.mimeType)
        stored.storedPath = try await media.store(response.body, key: "viber/\(channelID)/\(Self.key(of: url))", fileExtension: fileExtension)
        stored.byteCount = Int64(response.body.count)
        stored.details[AttachmentDownload.stateKey] = nil
        return stored
    }

    /// A stable name for the file at `url`: a redelivered callback overwrites, never duplicates.
    /// FNV-1a of the URL, because Viber's URLs are long and carry signatures.
    static func key(of url: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// A download that may work when tried again.
    struct DownloadError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }
}
