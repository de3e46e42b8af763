public import Foundation
public import SwitchboardCore

/// The process's sign-in throttle: ``SignInThrottle``'s decisions with the wall clock, behind an actor
/// because every sign-in request shares it.
public actor LoginThrottle {
    private var throttle: SignInThrottle

    /// Creates a throttle.
    public init(limits: SignInLimits = SignInLimits()) {
        self.throttle = SignInThrottle(limits: limits)
    }

    /// Reserves an attempt before the password check, or refuses it.
    func reserve(login: String, address: String, now: Date = Date()) -> SignInDecision {
        throttle.reserve(login: login, address: address, now: now)
    }

    /// Ends a reserved attempt.
    func finish(_ attempt: SignInAttempt, succeeded: Bool) {
        throttle.finish(attempt, succeeded: succeeded)
    }
}
