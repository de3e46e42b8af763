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
        guard mayBeLinkCommand(text) else { return false }
        let word = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return word == "/link" || word == "link" || word.hasPrefix("/link@")
    }

    /// False when `isLinkCommand` is false for certain, after looking at a few scalars instead of
    /// trimming and lower-casing the whole text (every client message passes through here).
    ///
    /// The lower-cased word starts with "/" or "l" only when the text does ("/", "l" or "L"): any other
    /// letter lower-cases to something else, or to an "l" with a mark on it, which is not "l".
    /// After "l" the word can only be "link", four scalars, and lower-casing never makes a text
    /// shorter, so a text with more than four scalars that are not blanks is not it. After "/" the
    /// next scalar must be an "l".
    static func mayBeLinkCommand(_ text: String) -> Bool {
        var nonBlank = 0
        var slash = false
        for scalar in text.unicodeScalars where !isBlank(scalar) {
            nonBlank += 1
            switch nonBlank {
            case 1:
                guard scalar == "/" || scalar == "l" || scalar == "L" else { return false }
                slash = scalar == "/"
            case 2 where slash:
                return scalar == "l" || scalar == "L"
            default:
                if nonBlank > 4 { return false }
            }
        }
        return nonBlank > 0
    }

    /// What `trimmingCharacters(in: .whitespacesAndNewlines)` trims.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E: false
        default: CharacterSet.whitespacesAndNewlines.contains(scalar)
        }
    }

    /// The code in a client's message, when the whole message is one (spaces allowed: "123 456").
    public static func code(in text: String) -> String? {
        // Every client message passes through here: stop at the first scalar that rules a code out,
        // instead of filtering a long text Character by Character.
        var code = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39:
                guard code.count < digits else { return nil }
                code.append(scalar)
            case 0x21...0x7E:
                // Printable ASCII that is not a digit: decided without a Unicode property lookup.
                return nil
            default:
                guard scalar.properties.isWhitespace else { return nil }
            }
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
