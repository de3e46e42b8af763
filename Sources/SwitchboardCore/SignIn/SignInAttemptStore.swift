public import Foundation

/// Where sign-in attempts are counted, shared by every instance on one database.
///
/// Each operation loads the marks of the attempt's keys, lets ``SignInRules`` decide, and applies
/// the changes in one write transaction, so two instances cannot both let an attempt past a limit.
public protocol SignInAttemptStore: Sendable {
    /// Reserves an attempt for `login` from `address` at `now`, or refuses it, as
    /// ``SignInRules/reserve(_:limits:now:)`` decides; old marks are pruned either way.
    func reserveSignIn(login: String, address: String, limits: SignInLimits, at now: Date) async throws -> SignInDecision
    /// Releases a succeeded attempt, as ``SignInRules/release(_:limits:now:)`` decides.
    func releaseSignIn(_ attempt: SignInAttempt, limits: SignInLimits, at now: Date) async throws
}
