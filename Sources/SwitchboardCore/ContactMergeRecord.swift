/// The contact fields a merge may change.
public struct ContactMergeFields: Sendable, Codable, Equatable {
    public var preferredName: String?
    public var notes: String
    public var phone: String?
    public var language: String?

    /// Creates a value.
    public init(preferredName: String? = nil, notes: String = "", phone: String? = nil, language: String? = nil) {
        self.preferredName = preferredName
        self.notes = notes
        self.phone = phone
        self.language = language
    }

    /// The mergeable fields of a contact.
    public init(_ contact: Contact) {
        self.init(preferredName: contact.preferredName, notes: contact.notes, phone: contact.phone, language: contact.language)
    }

    /// The contact with these fields.
    public func applied(to contact: Contact) -> Contact {
        var contact = contact
        contact.preferredName = preferredName
        contact.notes = notes
        contact.phone = phone
        contact.language = language
        return contact
    }
}

/// What an undo needs: the identities that moved, the target's fields before and after, and the labels each side had.
///
/// Stored as JSON with the merge, so its keys never change.
public struct ContactMergeRecord: Sendable, Codable, Equatable {
    public var identityIDs: [Int64]
    public var targetBefore: ContactMergeFields
    public var targetAfter: ContactMergeFields
    public var targetLabels: [String]
    public var sourceLabels: [String]

    /// Creates a record.
    public init(
        identityIDs: [Int64],
        targetBefore: ContactMergeFields,
        targetAfter: ContactMergeFields,
        targetLabels: [String],
        sourceLabels: [String]
    ) {
        self.identityIDs = identityIDs
        self.targetBefore = targetBefore
        self.targetAfter = targetAfter
        self.targetLabels = targetLabels
        self.sourceLabels = sourceLabels
    }
}
