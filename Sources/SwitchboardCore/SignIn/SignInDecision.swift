public import Foundation

/// An attempt the throttle let through; hand it back with ``SignInThrottle/finish(_:succeeded:)``,
/// or ``SignInAttemptStore/releaseSignIn(_:limits:at:)`` when it succeeded.
public struct SignInAttempt: Sendable, Equatable {
    /// The login, case folded as its keys hold it.
    let login: String
    let address: String
    /// When it was reserved: the time of its marks.
    let at: Date
}

/// Why an attempt was refused before its password check.
public enum SignInRefusal: String, Sendable, Equatable {
    /// Too many password checks are running right now.
    case busy
    /// Too many attempts for this login from this address.
    case loginAndAddress
    /// Too many attempts from this address.
    case address
    /// The login is past its ceiling and had an attempt too recently.
    case loginSlowed
}

/// What the throttle says about one attempt.
public enum SignInDecision: Sendable, Equatable {
    /// Check the password, then finish the attempt.
    case proceed(SignInAttempt)
    /// Answer 429 at once; `retryAfter` is in seconds.
    case refuse(SignInRefusal, retryAfter: TimeInterval)
}
