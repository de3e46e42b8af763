/// Where a channel hands the files of a committed message to be fetched, off the request path.
public protocol MediaDownloadQueue: Sendable {
    /// Queues one pending attachment; returns at once (a full queue settles it as failed).
    func enqueue(_ job: MediaDownloadJob) async
}

/// A file still to be fetched, as stored.
public struct PendingDownload: Sendable, Equatable {
    /// The message the file belongs to.
    public var messageID: MessageID
    /// The attachment, pending.
    public var attachment: Attachment

    /// Creates a pending download.
    public init(messageID: MessageID, attachment: Attachment) {
        self.messageID = messageID
        self.attachment = attachment
    }
}

/// One file to fetch for a stored message.
public struct MediaDownloadJob: Sendable {
    /// The message the file belongs to.
    public var messageID: MessageID
    /// The attachment as stored, pending.
    public var attachment: Attachment
    /// Fetches and stores the file: returns the attachment with its `storedPath`, or with a
    /// `download_error` when fetching can never work (too big); throws when a retry may help.
    public var fetch: @Sendable (Attachment) async throws -> Attachment

    /// Creates a job.
    public init(messageID: MessageID, attachment: Attachment, fetch: @escaping @Sendable (Attachment) async throws -> Attachment) {
        self.messageID = messageID
        self.attachment = attachment
        self.fetch = fetch
    }
}
