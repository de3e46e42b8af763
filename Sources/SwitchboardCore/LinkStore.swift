public import Foundation

/// The store's side of identity linking, merging and personalization; each operation one transaction.
public protocol LinkStore: Sendable {
    /// Stores a one-time code for an identity, replacing its earlier codes.
    /// - Throws: `StoreError.conflict` when another identity holds the same live code (draw again).
    func issueLinkCode(_ code: String, for identityID: IdentityID, at now: Date, lifetime: TimeInterval) async throws
    /// Checks a code sent by an identity and, when it belongs to another contact, merges the two.
    func redeemLinkCode(_ code: String, by identityID: IdentityID, at now: Date) async throws -> (LinkOutcome, [Event])
    /// Moves every identity (and so every conversation) of `source` to `target`, keeping a record to undo it.
    /// - Throws: `StoreError.invalid` for the same or an already merged contact, `.notFound` for an unknown one.
    func mergeContacts(
        into target: ContactID,
        from source: ContactID,
        reason: MergeReason,
        by operatorID: OperatorID?,
        at now: Date
    )
        async throws -> (ContactMerge, [Event])
    /// Undoes a merge exactly: identities and their conversations go back, fields the merge changed are restored.
    /// - Throws: `StoreError.notFound`, or `.invalid` when it was undone already or the target was merged since.
    func undoMerge(_ id: Int64, at now: Date) async throws -> (ContactMerge, [Event])
    /// Merges into a contact that are not undone, newest first.
    func merges(into contactID: ContactID) async throws -> [ContactMerge]
    /// Other contacts owning an identity with one of this contact's verified phone numbers.
    func phoneMatches(of contactID: ContactID) async throws -> [ContactRef]
    /// Stores a message from the bot (no operator) as queued with its outbox row; `requestPhone` asks for the number.
    func enqueueBotMessage(in conversationID: ConversationID, text: String, requestPhone: Bool, at now: Date) async throws -> EnqueuedReply
    /// Marks a contact so their next message becomes their preferred form of address.
    func setAskingAddress(_ contactID: ContactID, _ asking: Bool) async throws
}

/// Where replies go, and the labels operators put on contacts and conversations.
public protocol ReplyTargetStore: Sendable {
    /// The conversation a reply to this contact should go to: the latest one of `identityID` when given
    /// (it must be the contact's), else of the identity the client last wrote from; nil when there is none.
    func replyConversation(contactID: ContactID, identityID: IdentityID?) async throws -> ConversationID?
    /// Replaces a contact's labels. - Throws: `StoreError.notFound` for an unknown contact.
    func setLabels(_ labels: [String], onContact contactID: ContactID, at now: Date) async throws -> [Event]
    /// Replaces a conversation's labels. - Throws: `StoreError.notFound` for an unknown conversation.
    func setLabels(_ labels: [String], onConversation conversationID: ConversationID, at now: Date) async throws -> [Event]
    /// A contact's labels, sorted.
    func labels(ofContact contactID: ContactID) async throws -> [String]
    /// A conversation's labels, sorted.
    func labels(ofConversation conversationID: ConversationID) async throws -> [String]
    /// A page of conversations carrying `label` themselves or through their contact, newest activity first.
    func conversations(
        labeled label: String,
        _ filter: ConversationFilter,
        viewer: Viewer,
        after cursor: ConversationCursor?,
        limit: Int
    )
        async throws -> [ConversationSummary]
}
