public import Foundation

/// How many sign-in attempts are let through, and from where.
///
/// Each counter covers attempts that failed or are still in flight within ``window``; an attempt is
/// counted before its password check, so parallel guesses cannot all slip past the limit.
public struct SignInLimits: Sendable, Equatable {
    /// Attempts for one login from one client address.
    public var perLoginAndAddress: Int
    /// Attempts from one client address, whatever the login.
    public var perAddress: Int
    /// Attempts for one login from anywhere; past it the login is slowed down, never locked.
    public var perLogin: Int
    /// Past ``perLogin``, at most one attempt for the login per this interval.
    public var loginSpacing: TimeInterval
    /// How long an attempt is remembered.
    public var window: TimeInterval
    /// Password checks running at once (bcrypt is slow on purpose); the excess is refused, not queued.
    public var maxInFlight: Int
    /// Logins, addresses and pairs remembered at most; the least recently seen are forgotten first.
    public var capacity: Int

    /// Creates limits; the defaults suit one desk behind one proxy.
    public init(
        perLoginAndAddress: Int = 5,
        perAddress: Int = 20,
        perLogin: Int = 50,
        loginSpacing: TimeInterval = 5,
        window: TimeInterval = 15 * 60,
        maxInFlight: Int = 8,
        capacity: Int = 10_000
    ) {
        self.perLoginAndAddress = perLoginAndAddress
        self.perAddress = perAddress
        self.perLogin = perLogin
        self.loginSpacing = loginSpacing
        self.window = window
        self.maxInFlight = maxInFlight
        self.capacity = capacity
    }
}
