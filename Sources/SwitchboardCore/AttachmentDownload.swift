public import Foundation

/// The life of an inbound file between the commit of its message and its bytes on disk.
///
/// A message is stored at once with each file to fetch marked pending, so a webhook is answered
/// and the operator sees the message without waiting for a download. The download runs after
/// the commit; its outcome replaces the pending attachment and is announced with
/// `message.attachments_updated`: stored (a `storedPath`) or failed (a `download_error`).
public enum AttachmentDownload {
    /// The detail key of the download state; its only value is ``pending``.
    public static let stateKey = "download"
    /// The file is still to be fetched.
    public static let pending = "pending"
    /// The detail key of why a file could not be fetched, shown to the operator.
    public static let errorKey = "download_error"
    /// Attempts in all before a download that keeps failing is given up (transient failures only).
    public static let retryPolicy = RetryPolicy(baseDelay: 1, maxDelay: 30, maxAttempts: 4)
    /// How far back a channel's start looks for files left pending by a restart or a crash.
    public static let resumeWindow: TimeInterval = 7 * 24 * 3600

    /// Whether the file of `attachment` is still to be fetched.
    public static func isPending(_ attachment: Attachment) -> Bool {
        attachment.details[stateKey] == pending
    }

    /// `attachment` marked pending when it names a file to copy (``InboundFileRules/shouldFetch(_:)``)
    /// not yet stored nor refused; as it is otherwise.
    public static func markPending(_ attachment: Attachment) -> Attachment {
        guard InboundFileRules.shouldFetch(attachment), attachment.storedPath == nil, attachment.details[errorKey] == nil else { return attachment }
        var marked = attachment
        marked.details[stateKey] = pending
        return marked
    }

    /// `attachment` given up on, with the reason the operator sees.
    public static func failed(_ attachment: Attachment, reason: String) -> Attachment {
        var failed = attachment
        failed.details[stateKey] = nil
        failed.details[errorKey] = reason
        return failed
    }

    /// Puts a finished download into its message: the pending attachment with the same file id
    /// takes the result, no longer pending.
    /// - Returns: the message as it now is and its event; nil when no such attachment is pending
    ///   (the outcome was applied before), so applying an outcome twice changes nothing.
    public static func apply(_ outcome: Attachment, to message: Message, contact: ContactID?, at now: Date) -> (Message, EventDraft)? {
        guard let index = message.attachments.firstIndex(where: { isPending($0) && $0.externalFileID == outcome.externalFileID }) else {
            return nil
        }
        var updated = message
        var settled = outcome
        settled.details[stateKey] = nil
        updated.attachments[index] = settled
        let event = EventDraft(
            .messageAttachmentsUpdated,
            at: now,
            contact: contact,
            conversation: message.conversationID,
            message: message.id,
            payload: .message(updated)
        )
        return (updated, event)
    }
}
