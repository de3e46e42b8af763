/// What six digits from a client do to identity linking, decided from what the store holds.
public enum LinkCodeRedemption: Sendable, Equatable {
    /// No other identity holds a live code: the digits are just a message.
    case notACode
    /// Too many wrong codes lately: the attempt is not even checked.
    case rateLimited
    /// No live code matches: the failed attempt is recorded.
    case wrongCode
    /// The code is used up; both identities already belong to one contact.
    case alreadyLinked
    /// The code is used up and the contacts merge. The older contact stays: its id is the one
    /// operators and integrations already know.
    case merge(into: ContactID, from: ContactID)

    /// What the store read for one attempt.
    public struct Snapshot: Sendable, Equatable {
        /// Whether any identity other than the redeemer holds a live code.
        public var otherLiveCodes: Bool
        /// The redeemer's failed attempts within `LinkCodeRules.attemptWindow`.
        public var recentFailures: Int
        /// The contact of the identity whose live code matches, nil when none does.
        public var codeOwner: ContactID?
        /// The redeemer's contact.
        public var redeemer: ContactID

        public init(otherLiveCodes: Bool, recentFailures: Int, codeOwner: ContactID?, redeemer: ContactID) {
            self.otherLiveCodes = otherLiveCodes
            self.recentFailures = recentFailures
            self.codeOwner = codeOwner
            self.redeemer = redeemer
        }
    }

    public static func decide(_ snapshot: Snapshot) -> LinkCodeRedemption {
        guard snapshot.otherLiveCodes else { return .notACode }
        guard snapshot.recentFailures < LinkCodeRules.maxFailedAttempts else { return .rateLimited }
        guard let owner = snapshot.codeOwner else { return .wrongCode }
        guard owner != snapshot.redeemer else { return .alreadyLinked }
        return .merge(into: min(owner, snapshot.redeemer), from: max(owner, snapshot.redeemer))
    }

    /// Whether the store marks the code used.
    public var usesCode: Bool {
        switch self {
        case .alreadyLinked, .merge: true
        case .notACode, .rateLimited, .wrongCode: false
        }
    }
}
