import Foundation

/// A client: one person, one history, whatever messenger they write from.
public struct Contact: Sendable, Codable, Equatable, Identifiable {
    public var id: ContactID
    /// The name the messenger gave us (profile name), shown when no preferred name is set.
    public var displayName: String
    /// How the client wants to be addressed ("how should we address you").
    public var preferredName: String?
    public var phone: String?
    /// IETF language tag reported by the messenger, for example `uk` or `en`.
    public var language: String?
    public var notes: String

    /// Creates a contact value.
    public init(
        id: ContactID,
        displayName: String,
        preferredName: String? = nil,
        phone: String? = nil,
        language: String? = nil,
        notes: String = ""
    ) {
        self.id = id
        self.displayName = displayName
        self.preferredName = preferredName
        self.phone = phone
        self.language = language
        self.notes = notes
    }
}

/// One messenger account of a contact; unique per channel and external id.
public struct Identity: Sendable, Codable, Equatable, Identifiable {
    public var id: IdentityID
    public var contactID: ContactID
    public var channelID: ChannelID
    /// The messenger's id of the user (Telegram chat id, Viber user id).
    public var externalID: String
    public var username: String?
    public var profileName: String?
    public var language: String?
    /// The user's picture as the messenger hosts it.
    public var avatarURL: String?
    /// ISO 3166 alpha-2 country the messenger reports.
    public var country: String?
    /// False once the user blocked the bot or unsubscribed.
    public var isReachable: Bool

    /// Creates an identity value.
    public init(
        id: IdentityID,
        contactID: ContactID,
        channelID: ChannelID,
        externalID: String,
        username: String? = nil,
        profileName: String? = nil,
        language: String? = nil,
        avatarURL: String? = nil,
        country: String? = nil,
        isReachable: Bool = true
    ) {
        self.id = id
        self.contactID = contactID
        self.channelID = channelID
        self.externalID = externalID
        self.username = username
        self.profileName = profileName
        self.language = language
        self.avatarURL = avatarURL
        self.country = country
        self.isReachable = isReachable
    }
}

extension Contact {
    /// The contact after an operator's edit. A blank preferred name clears it; nil leaves a field as it is.
    public func edited(preferredName: String??, notes: String?) -> Contact {
        var contact = self
        if let preferredName {
            let trimmed = preferredName?.trimmingCharacters(in: .whitespacesAndNewlines)
            contact.preferredName = trimmed?.isEmpty == false ? trimmed : nil
        }
        if let notes { contact.notes = notes }
        return contact
    }
}
