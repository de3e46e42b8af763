public import Foundation

/// Who the sender is after this event: a new contact with its first identity, or the stored
/// identity refreshed with what the messenger says now.
public enum SenderIdentityRule {
    /// The outcome for one sender.
    public struct Outcome: Sendable, Equatable {
        public var identity: Identity
        public var changes: [IngestChange]
        public var events: [EventDraft]
    }

    public static func decide(
        _ sender: SenderProfile,
        channel: ChannelID,
        stored: Identity?,
        ids: ReservedIDs,
        at now: Date
    ) -> Outcome {
        if let stored {
            var identity = stored
            // Keep what the messenger last told us about the user; never erase with an empty value.
            identity.username = sender.username ?? identity.username
            identity.profileName = sender.displayName.isEmpty ? identity.profileName : sender.displayName
            identity.language = sender.language ?? identity.language
            identity.avatarURL = sender.avatarURL ?? identity.avatarURL
            identity.country = sender.country ?? identity.country
            var changes: [IngestChange] = identity == stored ? [] : [.updateIdentityProfile(identity)]
            if let phone = sender.phone { changes.append(.setContactPhone(identity.contactID, phone: phone)) }
            return Outcome(identity: identity, changes: changes, events: [])
        }
        let displayName = sender.displayName.isEmpty ? (sender.username ?? sender.externalID) : sender.displayName
        let contact = Contact(id: ids.contact, displayName: displayName, phone: sender.phone, language: sender.language)
        let identity = Identity(
            id: ids.identity,
            contactID: contact.id,
            channelID: channel,
            externalID: sender.externalID,
            username: sender.username,
            profileName: sender.displayName,
            language: sender.language,
            avatarURL: sender.avatarURL,
            country: sender.country
        )
        return Outcome(
            identity: identity,
            changes: [.createContact(contact, at: now), .createIdentity(identity, at: now)],
            events: [EventDraft(.contactCreated, at: now, contact: contact.id, payload: .contact(contact))]
        )
    }
}

/// Who may use a deep-link context.
///
/// The first identity to use a key owns it; for anyone else the key reads as unknown, so a key
/// seen over someone's shoulder cannot show their context. Expiry counts only before the claim.
public enum ContextClaimRule {
    /// The key's status for this identity, and whether this use claims it.
    public static func decide(key: String, stored: StoredContext?, identity: IdentityID, at now: Date) -> (status: ContextStatus, claims: Bool) {
        guard DeepLinkContext.isWellFormed(key: key), let stored, stored.key == key else { return (.missing, false) }
        if let owner = stored.ownerID { return (owner == identity ? .pinned : .missing, false) }
        guard now < stored.expiresAt else { return (.expired, false) }
        return (.pinned, true)
    }
}

/// A phone number the client shared about themselves, in the form that compares across messengers.
public enum VerifiedPhoneRule {
    /// Digits only, so `+380 50 123 4567` from Viber and `380501234567` from Telegram compare equal;
    /// nil for anything too short to be a number.
    public static func normalized(_ raw: String) -> String? {
        let digits = raw.filter { $0.isASCII && $0.isNumber }
        return digits.count >= 6 ? digits : nil
    }
}

/// The client's answer to "how should we address you?".
public enum AddressAnswerRule {
    /// The preferred name in the client's text, nil when the text is not a name: empty, a command,
    /// a link request or a link code.
    public static func name(in text: String) -> String? {
        let answer = String(trimmed(text))
        guard !answer.isEmpty, !answer.hasPrefix("/"), !LinkCodeRules.isLinkCommand(answer), LinkCodeRules.code(in: answer) == nil else {
            return nil
        }
        return String(answer.prefix(100))
    }

    /// The text without the leading and trailing scalars that `CharacterSet.whitespacesAndNewlines`
    /// holds: Unicode's White_Space and the zero width space. Every client message passes through
    /// here, and bridging a long text to `NSString` to trim it cost more than the rest of the rule.
    static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return Substring(scalars[first...last])
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }
}

/// What a client message does to the queue of a conversation nobody present holds.
///
/// A conversation nobody holds waits in its queue (from its first wait on); a client who asks
/// for a human jumps it, once per conversation. A conversation held by an operator who is not
/// online is released into the queue when the client comes back to it after it was resolved,
/// or asks for a human. A new conversation on a channel that asks for a department waits for
/// the choice, unless the client asked for a human.
public enum QueueRule {
    /// The facts the rule reads.
    public struct Situation: Sendable, Equatable {
        public var status: ConversationStatus
        public var holder: OperatorID?
        public var holderIsOnline: Bool
        public var isEscalated: Bool
        public var queuedAt: Date?
        /// This message opened the conversation.
        public var opened: Bool
        /// This message reopened a resolved conversation.
        public var reopened: Bool
        /// The channel asks for a department and there are departments to offer.
        public var offersDepartments: Bool

        public init(
            status: ConversationStatus,
            holder: OperatorID? = nil,
            holderIsOnline: Bool = false,
            isEscalated: Bool = false,
            queuedAt: Date? = nil,
            opened: Bool = false,
            reopened: Bool = false,
            offersDepartments: Bool = false
        ) {
            self.status = status
            self.holder = holder
            self.holderIsOnline = holderIsOnline
            self.isEscalated = isEscalated
            self.queuedAt = queuedAt
            self.opened = opened
            self.reopened = reopened
            self.offersDepartments = offersDepartments
        }
    }

    /// What happens to the queue.
    public struct Outcome: Sendable, Equatable {
        /// The absent holder to release.
        public var release: OperatorID?
        public var entersQueue: Bool
        public var awaitsDepartment: Bool
        /// The escalation word, when the client asked for a human for the first time.
        public var escalation: String?

        public init(release: OperatorID? = nil, entersQueue: Bool = false, awaitsDepartment: Bool = false, escalation: String? = nil) {
            self.release = release
            self.entersQueue = entersQueue
            self.awaitsDepartment = awaitsDepartment
            self.escalation = escalation
        }
    }

    public static func decide(_ situation: Situation, trigger: String?, at now: Date) -> Outcome {
        var outcome = Outcome()
        guard situation.status == .open, !(situation.holder != nil && situation.holderIsOnline) else { return outcome }
        if let holder = situation.holder {
            guard trigger != nil || situation.reopened else { return outcome }
            outcome.release = holder
        }
        outcome.entersQueue = situation.queuedAt == nil
        outcome.awaitsDepartment = trigger == nil && situation.opened && situation.offersDepartments
        if let trigger, !situation.isEscalated { outcome.escalation = trigger }
        return outcome
    }
}
