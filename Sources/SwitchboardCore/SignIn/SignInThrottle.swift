public import Foundation

/// Decides whether a sign-in attempt may reach the password check; time comes in as input.
///
/// An attempt is reserved before bcrypt runs and counted as a failure until it succeeds, so 40
/// parallel guesses get at most ``SignInLimits/perLoginAndAddress`` checks. Limits are per
/// (login, address) and per address, so strangers cannot lock a user out everywhere; the ceiling per
/// login only spaces attempts out.
public struct SignInThrottle: Sendable {
    public let limits: SignInLimits
    private var ledger: AttemptLedger
    private var inFlight = 0

    /// Creates a throttle with nothing remembered.
    public init(limits: SignInLimits = SignInLimits()) {
        self.limits = limits
        self.ledger = AttemptLedger(capacity: limits.capacity, window: limits.window)
    }

    /// Keys remembered now (bounded by ``SignInLimits/capacity``).
    public var remembered: Int { ledger.count }

    /// Password checks reserved and not finished.
    public var running: Int { inFlight }

    /// Reserves an attempt for `login` from `address`, or refuses it.
    public mutating func reserve(login: String, address: String, now: Date) -> SignInDecision {
        guard inFlight < limits.maxInFlight else { return .refuse(.busy, retryAfter: 1) }
        let login = login.lowercased()
        let pair = Self.pairKey(login: login, address: address)
        let pairTimes = ledger.recent(pair, now: now)
        if pairTimes.count >= limits.perLoginAndAddress {
            return .refuse(.loginAndAddress, retryAfter: waitFor(pairTimes, now: now))
        }
        let addressTimes = ledger.recent(Self.addressKey(address), now: now)
        if addressTimes.count >= limits.perAddress {
            return .refuse(.address, retryAfter: waitFor(addressTimes, now: now))
        }
        let loginKey = Self.loginKey(login)
        let pastCeiling = ledger.recent(loginKey, now: now).count >= limits.perLogin
        if pastCeiling, let last = ledger.lastSpaced(loginKey), now.timeIntervalSince(last) < limits.loginSpacing {
            return .refuse(.loginSlowed, retryAfter: limits.loginSpacing - now.timeIntervalSince(last))
        }
        ledger.add(pair, at: now)
        ledger.add(Self.addressKey(address), at: now)
        ledger.add(loginKey, at: now, spaced: pastCeiling)
        inFlight += 1
        return .proceed(SignInAttempt(login: login, address: address, at: now))
    }

    /// Ends a reserved attempt: a failure stays counted; a success is released and clears its pair.
    public mutating func finish(_ attempt: SignInAttempt, succeeded: Bool) {
        inFlight = max(0, inFlight - 1)
        guard succeeded else { return }
        ledger.clear(Self.pairKey(login: attempt.login, address: attempt.address))
        ledger.remove(Self.addressKey(attempt.address), at: attempt.at)
        ledger.remove(Self.loginKey(attempt.login), at: attempt.at)
    }

    /// Seconds until the oldest counted attempt leaves the window.
    private func waitFor(_ times: [Date], now: Date) -> TimeInterval {
        guard let oldest = times.first else { return 1 }
        return max(1, limits.window - now.timeIntervalSince(oldest))
    }

    private static func pairKey(login: String, address: String) -> String { "p\u{0}\(login)\u{0}\(address)" }
    private static func addressKey(_ address: String) -> String { "a\u{0}\(address)" }
    private static func loginKey(_ login: String) -> String { "l\u{0}\(login)" }
}
