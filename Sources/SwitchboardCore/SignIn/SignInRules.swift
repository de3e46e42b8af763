public import Foundation

/// The sign-in throttle's rules, on a snapshot and with time as input: whether an attempt may reach
/// the password check, and which marks to write. The in-memory ``SignInThrottle`` and every store
/// (``SignInAttemptStore``) apply the same decisions.
///
/// An attempt is reserved (marked) before bcrypt runs and counted as a failure until it succeeds,
/// so parallel guesses cannot all slip past a limit. Limits are per (login, address) and per
/// address, so strangers cannot lock a user out everywhere; the ceiling per login only spaces
/// attempts out.
public enum SignInRules {
    /// Decides on an attempt for the snapshot's keys at `now`.
    /// - Returns: the decision, and the changes to apply with it (marks of a let-through attempt,
    ///   and old marks to prune either way).
    public static func reserve(
        _ snapshot: SignInSnapshot,
        limits: SignInLimits,
        now: Date
    ) -> (decision: SignInDecision, changes: SignInChanges) {
        let keys = snapshot.keys
        var changes = SignInChanges(pruneBefore: now.addingTimeInterval(-retention(limits)))
        let pairTimes = recent(snapshot.times(of: keys.pair), limits: limits, now: now)
        if pairTimes.count >= limits.perLoginAndAddress {
            return (.refuse(.loginAndAddress, retryAfter: waitFor(pairTimes, limits: limits, now: now)), changes)
        }
        let addressTimes = recent(snapshot.times(of: keys.address), limits: limits, now: now)
        if addressTimes.count >= limits.perAddress {
            return (.refuse(.address, retryAfter: waitFor(addressTimes, limits: limits, now: now)), changes)
        }
        let pastCeiling = recent(snapshot.times(of: keys.login), limits: limits, now: now).count >= limits.perLogin
        if pastCeiling, let last = snapshot.times(of: keys.spaced).last, now.timeIntervalSince(last) < limits.loginSpacing {
            return (.refuse(.loginSlowed, retryAfter: limits.loginSpacing - now.timeIntervalSince(last)), changes)
        }
        changes.add = [keys.pair, keys.address, keys.login].map { SignInMark(key: $0, at: now) }
        if pastCeiling { changes.add.append(SignInMark(key: keys.spaced, at: now)) }
        let attempt = SignInAttempt(login: keys.login.login, address: keys.address.address, at: now)
        return (.proceed(attempt), changes)
    }

    /// The changes a succeeded attempt makes: its pair is cleared, and its own address and login
    /// marks are taken back (earlier failures there still count). A failure changes nothing: its
    /// marks stay until they leave the window.
    public static func release(_ attempt: SignInAttempt, limits: SignInLimits, now: Date) -> SignInChanges {
        let keys = SignInKeys(login: attempt.login, address: attempt.address)
        return SignInChanges(
            remove: [SignInMark(key: keys.address, at: attempt.at), SignInMark(key: keys.login, at: attempt.at)],
            clear: [keys.pair],
            pruneBefore: now.addingTimeInterval(-retention(limits))
        )
    }

    /// How long a mark matters: the window, or the spacing if that is longer (a spaced mark is
    /// looked at for ``SignInLimits/loginSpacing``).
    public static func retention(_ limits: SignInLimits) -> TimeInterval {
        max(limits.window, limits.loginSpacing)
    }

    /// The times still inside the window at `now`, oldest first.
    private static func recent(_ times: [Date], limits: SignInLimits, now: Date) -> [Date] {
        times.filter { now.timeIntervalSince($0) < limits.window }
    }

    /// Seconds until the oldest counted attempt leaves the window.
    private static func waitFor(_ times: [Date], limits: SignInLimits, now: Date) -> TimeInterval {
        guard let oldest = times.first else { return 1 }
        return max(1, limits.window - now.timeIntervalSince(oldest))
    }
}
