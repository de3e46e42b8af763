import Foundation
import SwitchboardCore
import Testing

/// The sign-in throttle: attempts are counted before the password check, and strangers slow a login
/// down without locking its owner out.
@Suite struct SignInThrottleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func attemptsInFlightCountAgainstTheLimitBeforeTheirPasswordCheck() {
        var throttle = SignInThrottle(limits: SignInLimits(maxInFlight: 100))
        // Given 40 guesses reserved at once, none finished yet
        let decisions = (0..<40).map { _ in throttle.reserve(login: "admin", address: "203.0.113.5", now: now) }
        // Then only five reach the password check
        #expect(decisions.filter { if case .proceed = $0 { true } else { false } }.count == 5)
        #expect(decisions.last == .refuse(.loginAndAddress, retryAfter: 15 * 60))
    }

    @Test func aSuccessReleasesItsReservation() throws {
        var throttle = SignInThrottle()
        for _ in 0..<4 { fail(&throttle, login: "maria", address: "a") }
        guard case .proceed(let attempt) = throttle.reserve(login: "maria", address: "a", now: now) else {
            Issue.record("the fifth attempt is allowed")
            return
        }
        throttle.finish(attempt, succeeded: true)
        #expect(isProceed(throttle.reserve(login: "maria", address: "a", now: now)))
        #expect(throttle.running == 1)
    }

    @Test func passwordChecksBeyondTheInFlightCapAreRefusedAtOnce() {
        var throttle = SignInThrottle(limits: SignInLimits(maxInFlight: 2))
        #expect(isProceed(throttle.reserve(login: "a", address: "1", now: now)))
        #expect(isProceed(throttle.reserve(login: "b", address: "2", now: now)))
        #expect(throttle.reserve(login: "c", address: "3", now: now) == .refuse(.busy, retryAfter: 1))
    }

    @Test func failuresFromOneAddressDoNotLockTheLoginForOthers() {
        var throttle = SignInThrottle()
        for _ in 0..<5 { fail(&throttle, login: "admin", address: "stranger") }
        #expect(throttle.reserve(login: "Admin", address: "stranger", now: now) == .refuse(.loginAndAddress, retryAfter: 15 * 60))
        #expect(isProceed(throttle.reserve(login: "admin", address: "office", now: now)))
    }

    @Test func oneAddressSprayingManyLoginsHitsTheAddressLimit() {
        var throttle = SignInThrottle()
        for index in 0..<20 { fail(&throttle, login: "user\(index)", address: "stranger") }
        #expect(throttle.reserve(login: "someone", address: "stranger", now: now) == .refuse(.address, retryAfter: 15 * 60))
        #expect(isProceed(throttle.reserve(login: "someone", address: "office", now: now)))
    }

    @Test func pastItsCeilingALoginIsSlowedDownNotLocked() {
        var throttle = SignInThrottle(limits: SignInLimits(perLogin: 10, loginSpacing: 5))
        for index in 0..<10 { fail(&throttle, login: "admin", address: "bot-\(index)") }
        // The first attempt past the ceiling goes through, the next one within 5 s does not
        #expect(isProceed(throttle.reserve(login: "admin", address: "office", now: now)))
        #expect(throttle.reserve(login: "admin", address: "home", now: now.addingTimeInterval(2)) == .refuse(.loginSlowed, retryAfter: 3))
        #expect(isProceed(throttle.reserve(login: "admin", address: "home", now: now.addingTimeInterval(5))))
    }

    @Test func attemptsLeaveTheWindow() {
        var throttle = SignInThrottle()
        for _ in 0..<5 { fail(&throttle, login: "maria", address: "a") }
        #expect(isProceed(throttle.reserve(login: "maria", address: "a", now: now.addingTimeInterval(15 * 60))))
    }

    @Test func memoryStaysWithinItsCapacity() {
        var throttle = SignInThrottle(limits: SignInLimits(capacity: 50))
        for index in 0..<1_000 { fail(&throttle, login: "login-\(index)", address: "10.0.\(index / 250).\(index % 250)") }
        #expect(throttle.remembered <= 50)
    }

    private func fail(_ throttle: inout SignInThrottle, login: String, address: String) {
        guard case .proceed(let attempt) = throttle.reserve(login: login, address: address, now: now) else {
            Issue.record("\(login) from \(address) was refused")
            return
        }
        throttle.finish(attempt, succeeded: false)
    }

    private func isProceed(_ decision: SignInDecision) -> Bool {
        if case .proceed = decision { true } else { false }
    }
}
