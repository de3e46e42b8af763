/// Who may see an event on the live stream, and what must be loaded to tell.
///
/// The stream loads the scopes of the conversations an event concerns and asks ``admits(_:scopes:)``;
/// the rule is the same one ``Viewer/maySee(departmentID:assigneeID:)`` applies to lists.
public enum StreamAudience: Sendable, Equatable {
    /// Desk-wide events without a client (presence, revoked sessions): every signed-in viewer.
    case everyone
    /// An event of one conversation: the viewers who may see that conversation.
    case conversation(ConversationID)
    /// A contact-level event (contact created or updated, identities, labels, merges): the viewers
    /// who may see at least one of the contact's conversations.
    case contact(ContactID)

    /// The audience of `event`: its conversation when it has one, else its contact, else everyone.
    public init(of event: Event) {
        if let conversationID = event.conversationID {
            self = .conversation(conversationID)
        } else if let contactID = event.contactID {
            self = .contact(contactID)
        } else {
            self = .everyone
        }
    }

    /// Whether deciding for `viewer` needs the conversations' scopes; when false, ``admits(_:scopes:)``
    /// ignores them and the stream need not load anything.
    public func needsScopes(for viewer: Viewer) -> Bool {
        self != .everyone && !viewer.seesAllDepartments
    }

    /// Whether `viewer` sees an event of this audience.
    /// - Parameter scopes: the scopes of the conversation (one, or none when it is gone) or of every
    ///   conversation of the contact. A contact without conversations is seen only by viewers who see
    ///   every department.
    public func admits(_ viewer: Viewer, scopes: [ConversationScope]) -> Bool {
        guard needsScopes(for: viewer) else { return true }
        return scopes.contains { viewer.maySee(departmentID: $0.departmentID, assigneeID: $0.assigneeID) }
    }
}
