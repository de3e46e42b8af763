public import Foundation

/// Decides whether an operator may edit or delete a sent reply, and what that changes.
///
/// The rules, from the messengers' own:
/// - **Which messenger.** Telegram bots can edit their messages (`editMessageText`, or
///   `editMessageCaption` for a file) and delete them (`deleteMessage`); Viber bots can do neither,
///   so a Viber reply is refused and the operator sends a correction instead.
/// - **Window.** Telegram deletes a bot's message only while it is less than 48 hours old. Edits get
///   the same 48 hours, so a client never sees an old answer change under them. The window counts from
///   when the reply was stored, which is never after Telegram's own send date.
/// - **Who.** The reply's author; or a supervisor or an admin, who may clean up a colleague's mistake.
/// - **What.** Only a sent reply of an operator. A reply that went out as several messages (long text
///   split, text and files, an album) is deleted whole but cannot be edited: editing one part would leave
///   the client with half a correction. A reply of one message is edited as text, or as the caption of
///   its one file.
public enum RevisionRule {
    /// What a messenger lets a bot do with its sent messages.
    public struct Capability: Sendable, Equatable {
        /// How long after sending a message may be edited or deleted.
        public var window: TimeInterval
        /// Longest text of an edited text message.
        public var textLimit: Int
        /// Longest caption of an edited file.
        public var captionLimit: Int
    }

    /// What the messenger of `kind` allows, or nil when its bots cannot edit or delete at all.
    public static func capability(of kind: ChannelKind) -> Capability? {
        switch kind {
        case .telegram: Capability(window: 48 * 3600, textLimit: 4096, captionLimit: 1024)
        case .viber: nil
        }
    }

    /// What the decision is made from.
    public struct Snapshot: Sendable, Equatable {
        /// The message as stored.
        public var message: Message
        public var channelKind: ChannelKind
        /// The contact of the message's conversation, for the event.
        public var contactID: ContactID

        /// Creates a snapshot.
        public init(message: Message, channelKind: ChannelKind, contactID: ContactID) {
            self.message = message
            self.channelKind = channelKind
            self.contactID = contactID
        }
    }

    /// What an allowed revision changes.
    public struct Plan: Sendable, Equatable {
        /// The message as it is after the revision (new text and `editedAt`, or `deletedAt`).
        public var message: Message
        public var kind: RevisionKind
        /// For an edit: the text to keep in the message's history.
        public var previousText: String?
        /// The operator who revised it.
        public var editor: OperatorID
        /// `message.edited` or `message.deleted`.
        public var events: [EventDraft]
    }

    /// Decides `request` on `snapshot` at `now`.
    /// - Throws: `RevisionRefusal` naming the first rule the request breaks.
    public static func decide(_ request: RevisionRequest, _ snapshot: Snapshot, at now: Date) throws(RevisionRefusal) -> Plan {
        let stored = snapshot.message
        guard stored.id == request.messageID, stored.conversationID == request.conversationID else { throw .notFound }
        guard stored.direction == .outbound, case .operator(let author) = stored.author else { throw .notAReply }
        let viewer = request.viewer
        guard author == viewer.operatorID || viewer.role != .operator else { throw .notAllowed }
        guard let capability = capability(of: snapshot.channelKind) else { throw .messengerCannotRevise(snapshot.channelKind) }
        guard stored.deletedAt == nil else { throw .deleted }
        let parts = partIDs(of: stored)
        guard let state = stored.deliveryState, state != .queued, state != .failed, !parts.isEmpty else { throw .notSent }
        guard now.timeIntervalSince(stored.createdAt) < capability.window else { throw .windowClosed(hours: Int(capability.window / 3600)) }
        var message = stored
        var previousText: String?
        switch request.change {
        case .delete:
            message.deletedAt = now
        case .edit(let text):
            guard parts.count == 1 else { throw .severalParts(parts.count) }
            guard text != stored.text else { throw .unchanged }
            let isCaption = !stored.attachments.isEmpty
            guard isCaption || !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .empty }
            let limit = isCaption ? capability.captionLimit : capability.textLimit
            guard text.utf16.count <= limit else { throw .tooLong(limit: limit) }
            previousText = stored.text
            message.text = text
            message.editedAt = now
        }
        let kind = request.change.kind
        let note = RevisionNote(kind: kind, previousText: previousText, by: .operator(viewer.operatorID), at: now, state: .queued)
        let event = EventDraft(
            kind == .edit ? .messageEdited : .messageDeleted,
            at: now,
            contact: snapshot.contactID,
            conversation: message.conversationID,
            message: message.id,
            payload: .revision(MessageRevisionPayload(message: message, revision: note))
        )
        return Plan(message: message, kind: kind, previousText: previousText, editor: viewer.operatorID, events: [event])
    }

    /// The messenger's ids of a sent message's parts, as the delivery recorded them (comma-separated).
    public static func partIDs(of message: Message) -> [String] {
        (message.externalID ?? "").split(separator: ",").map(String.init).filter { !$0.isEmpty }
    }
}
