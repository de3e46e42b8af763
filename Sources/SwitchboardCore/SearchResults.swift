/// What an inbox search found: messages and notes, and contacts.
public struct SearchResults: Sendable, Equatable {
    /// Messages and private notes, newest first.
    public var messages: [SearchHit]
    /// Contacts whose names, phones or usernames match, each with their latest conversation.
    public var contacts: [ContactSearchHit]

    /// Creates results.
    public init(messages: [SearchHit], contacts: [ContactSearchHit]) {
        self.messages = messages
        self.contacts = contacts
    }
}

/// A message or private note that matches.
public struct SearchHit: Sendable, Equatable {
    public var entry: TimelineEntry
    /// The matching text with the match marked `[...]`.
    public var snippet: String
    /// The client the conversation is with.
    public var contact: ContactRef

    /// Creates a hit.
    public init(entry: TimelineEntry, snippet: String, contact: ContactRef) {
        self.entry = entry
        self.snippet = snippet
        self.contact = contact
    }
}

/// A contact whose names, phones or usernames match.
public struct ContactSearchHit: Sendable, Equatable {
    public var contact: ContactRef
    public var phone: String?
    /// Messenger usernames and profile names of the contact's identities.
    public var handles: [String]
    /// The newest conversation of the contact the viewer may see (and the filters let through).
    public var conversationID: ConversationID

    /// Creates a hit.
    public init(contact: ContactRef, phone: String?, handles: [String], conversationID: ConversationID) {
        self.contact = contact
        self.phone = phone
        self.handles = handles
        self.conversationID = conversationID
    }
}
