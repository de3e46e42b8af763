public import Foundation

/// The rules of linking two messenger identities with a one-time code. Pure: no I/O, no randomness.
public enum LinkCodeRules {
    /// Six digits: easy to type on a phone, and with the attempt limit below, hopeless to guess.
    public static let digits = 6
    /// How long a code works after it is issued.
    public static let lifetime: TimeInterval = 600
    /// Wrong codes an identity may send within `attemptWindow` before it is refused.
    public static let maxFailedAttempts = 5
    public static let attemptWindow: TimeInterval = 600

    /// Whether a client's message asks for a code: `/link` on Telegram, `link` on Viber (any case).
    public static func isLinkCommand(_ text: String) -> Bool {
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return word == "/link" || word == "link" || word.hasPrefix("/link@")
    }

    /// The code in a client's message, when the whole message is one (spaces allowed: "123 456").
    public static func code(in text: String) -> String? {
        // Every client message passes through here: stop at the first scalar that rules a code out,
        // instead of filtering a long text Character by Character.
        var code = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace { continue }
            guard ("0"..."9").contains(scalar), code.count < digits else { return nil }
            code.append(scalar)
        }
        return code.count == digits ? String(code) : nil
    }

    /// A code from a random number: `digits` digits, leading zeros kept.
    public static func format(_ random: UInt32) -> String {
        let value = Int(random % 1_000_000)
        let text = String(value)
        return String(repeating: "0", count: digits - text.count) + text
    }
}

/// Why two contacts became one.
public enum MergeReason: String, Sendable, Codable, CaseIterable {
    /// An operator merged them by hand.
    case manual
    /// The client proved both identities with a one-time code.
    case code
    /// Both identities shared the same verified phone number.
    case phone
}

/// A merge of one contact (`sourceID`) into another (`targetID`), kept so it can be undone exactly.
public struct ContactMerge: Sendable, Codable, Equatable {
    public var id: Int64
    public var targetID: ContactID
    public var sourceID: ContactID
    public var reason: MergeReason
    public var operatorID: OperatorID?
    /// The identities that moved from the source; undo moves them (and their conversations) back.
    public var identityIDs: [IdentityID]
    public var mergedAt: Date
    public var undoneAt: Date?

    /// Creates a value.
    public init(
        id: Int64,
        targetID: ContactID,
        sourceID: ContactID,
        reason: MergeReason,
        operatorID: OperatorID?,
        identityIDs: [IdentityID],
        mergedAt: Date,
        undoneAt: Date? = nil
    ) {
        self.id = id
        self.targetID = targetID
        self.sourceID = sourceID
        self.reason = reason
        self.operatorID = operatorID
        self.identityIDs = identityIDs
        self.mergedAt = mergedAt
        self.undoneAt = undoneAt
    }
}

/// What sending a link code did.
public enum LinkOutcome: Sendable, Equatable {
    /// The identities are now one contact.
    case linked(ContactMerge)
    /// Both identities already belong to one contact.
    case alreadyLinked
    /// No live code matches; the attempt was counted.
    case wrongCode
    /// No other identity holds a live code, so six digits are just a message (an order number, say).
    case notACode
    /// Too many wrong codes lately: this attempt was not even checked.
    case rateLimited
}
