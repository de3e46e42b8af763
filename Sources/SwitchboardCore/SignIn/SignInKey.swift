public import Foundation

/// What the sign-in throttle counts attempts under: a login from one address, an address, a login,
/// and a login's attempts let through past its ceiling.
public struct SignInKey: Sendable, Hashable {
    /// Which counter the key names.
    public enum Kind: String, Sendable, CaseIterable {
        /// One login from one address (``SignInLimits/perLoginAndAddress``).
        case pair
        /// One address, whatever the login (``SignInLimits/perAddress``).
        case address
        /// One login, from anywhere (``SignInLimits/perLogin``).
        case login
        /// Attempts on one login let through past its ceiling (``SignInLimits/loginSpacing``).
        case spaced
    }

    /// The counter.
    public let kind: Kind
    /// The login, lower case; empty for an ``Kind/address`` key.
    public let login: String
    /// The client address; empty for a ``Kind/login`` or ``Kind/spaced`` key.
    public let address: String

    /// Creates a key as a store read it back.
    public init(kind: Kind, login: String, address: String) {
        self.kind = kind
        self.login = login
        self.address = address
    }
}

/// One attempt counted under one key: a row of the shared table, an entry of the in-memory ledger.
public struct SignInMark: Sendable, Hashable {
    /// Where the attempt counts.
    public let key: SignInKey
    /// When it was reserved.
    public let at: Date

    /// Creates a mark.
    public init(key: SignInKey, at: Date) {
        self.key = key
        self.at = at
    }
}

/// The four keys one sign-in attempt touches.
public struct SignInKeys: Sendable, Equatable {
    /// The login from this address.
    public let pair: SignInKey
    /// The address.
    public let address: SignInKey
    /// The login.
    public let login: SignInKey
    /// The login's attempts let through past its ceiling.
    public let spaced: SignInKey

    /// The keys of `login` (case folded) from `address`.
    ///
    /// A NUL becomes U+FFFD because PostgreSQL's text cannot hold one; two logins that differ only
    /// there then share counters, which can only make the throttle stricter for them.
    public init(login: String, address: String) {
        let login = Self.storable(login.lowercased())
        let address = Self.storable(address)
        pair = SignInKey(kind: .pair, login: login, address: address)
        self.address = SignInKey(kind: .address, login: "", address: address)
        self.login = SignInKey(kind: .login, login: login, address: "")
        spaced = SignInKey(kind: .spaced, login: login, address: "")
    }

    /// Every key, for a store to load their marks.
    public var all: [SignInKey] { [pair, address, login, spaced] }

    private static func storable(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
    }
}
