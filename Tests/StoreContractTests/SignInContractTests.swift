import Foundation
import SwitchboardCore
import Testing

/// The sign-in throttle's counts in the database: the same decisions as in memory, shared by every
/// store on one database, and a table that does not grow past the window.
@Suite struct SignInContractTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    let limits = SignInLimits(perLoginAndAddress: 5, perAddress: 20, perLogin: 50, loginSpacing: 5, window: 900)

    func at(_ seconds: TimeInterval) -> Date { Self.start.addingTimeInterval(seconds) }

    @Test(arguments: StoreFactory.all)
    func fiveFailuresAreCountedAndTheSixthIsRefusedUntilTheFirstLeavesTheWindow(_ factory: StoreFactory) async throws {
        try await Self.run(factory) { subject in
            for second in 0..<5 {
                try await fail(subject.store, login: "admin", address: "203.0.113.5", at: at(Double(second)))
            }

            let refused = try await subject.store.reserveSignIn(login: "ADMIN", address: "203.0.113.5", limits: limits, at: at(100))
            let elsewhere = try await subject.store.reserveSignIn(login: "admin", address: "198.51.100.7", limits: limits, at: at(100))
            let later = try await subject.store.reserveSignIn(login: "admin", address: "203.0.113.5", limits: limits, at: at(900))

            #expect(refused == .refuse(.loginAndAddress, retryAfter: 800))
            #expect(isProceed(elsewhere))
            #expect(isProceed(later))
        }
    }

    @Test(arguments: StoreFactory.all)
    func aSuccessClearsItsPairButEarlierFailuresStillCountForTheAddress(_ factory: StoreFactory) async throws {
        try await Self.run(factory) { subject in
            let tight = SignInLimits(perLoginAndAddress: 3, perAddress: 4)
            for second in 0..<2 {
                try await fail(subject.store, login: "maria", address: "a", limits: tight, at: at(Double(second)))
            }
            let decision = try await subject.store.reserveSignIn(login: "maria", address: "a", limits: tight, at: at(2))
            guard case .proceed(let attempt) = decision else {
                Issue.record("the third attempt is let through")
                return
            }

            try await subject.store.releaseSignIn(attempt, limits: tight, at: at(3))

            // The pair starts again; the address keeps its two failures, so two more attempts fill it.
            #expect(isProceed(try await subject.store.reserveSignIn(login: "maria", address: "a", limits: tight, at: at(4))))
            #expect(isProceed(try await subject.store.reserveSignIn(login: "maria", address: "a", limits: tight, at: at(5))))
            #expect(
                try await subject.store.reserveSignIn(login: "other", address: "a", limits: tight, at: at(6)) == .refuse(.address, retryAfter: 894)
            )
        }
    }

    @Test(arguments: StoreFactory.all)
    func twoStoresOnOneDatabaseShareTheCount(_ factory: StoreFactory) async throws {
        try await Self.run(factory) { subject in
            let other = try await subject.openAnother()
            do {
                // Given 40 parallel guesses, half through each instance
                let (limits, when) = (self.limits, at(1))
                let decisions = try await withThrowingTaskGroup(of: SignInDecision.self) { group in
                    for index in 0..<40 {
                        let store = index.isMultiple(of: 2) ? subject.store : other.store
                        group.addTask { try await store.reserveSignIn(login: "admin", address: "203.0.113.5", limits: limits, at: when) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // Then five pass in all, not five per instance, and both instances refuse the next one
                #expect(decisions.filter { isProceed($0) }.count == 5)
                for store in [subject.store, other.store] {
                    let next = try await store.reserveSignIn(login: "admin", address: "203.0.113.5", limits: limits, at: at(2))
                    #expect(next == .refuse(.loginAndAddress, retryAfter: 899))
                }
            } catch {
                try await other.close()
                throw error
            }
            try await other.close()
        }
    }

    @Test(arguments: StoreFactory.all)
    func pastItsCeilingALoginIsSpacedOutAcrossInstances(_ factory: StoreFactory) async throws {
        try await Self.run(factory) { subject in
            let slow = SignInLimits(perLogin: 2, loginSpacing: 5)
            let other = try await subject.openAnother()
            do {
                try await fail(subject.store, login: "admin", address: "bot-1", limits: slow, at: at(0))
                try await fail(other.store, login: "admin", address: "bot-2", limits: slow, at: at(0))

                let spaced = try await subject.store.reserveSignIn(login: "admin", address: "office", limits: slow, at: at(10))
                let tooSoon = try await other.store.reserveSignIn(login: "admin", address: "home", limits: slow, at: at(12))
                let spacedAgain = try await other.store.reserveSignIn(login: "admin", address: "home", limits: slow, at: at(15))

                #expect(isProceed(spaced))
                #expect(tooSoon == .refuse(.loginSlowed, retryAfter: 3))
                #expect(isProceed(spacedAgain))
            } catch {
                try await other.close()
                throw error
            }
            try await other.close()
        }
    }

    @Test(arguments: StoreFactory.all)
    func marksOlderThanTheWindowAreDeletedByTheNextWrite(_ factory: StoreFactory) async throws {
        try await Self.run(factory) { subject in
            for index in 0..<10 {
                try await fail(subject.store, login: "user\(index)", address: "10.0.0.\(index)", at: at(0))
            }
            #expect(try await subject.rowCount("sign_in_marks") == 30)

            // An attempt once they have left the window deletes them as it writes its own marks.
            try await fail(subject.store, login: "late", address: "10.0.0.99", at: at(899))
            try await fail(subject.store, login: "late", address: "10.0.0.99", at: at(901))

            #expect(try await subject.rowCount("sign_in_marks") == 6)
        }
    }

    @Test(arguments: StoreFactory.all)
    func aLoginWithANULCharacterIsCountedLikeAnyOther(_ factory: StoreFactory) async throws {
        try await Self.run(factory) { subject in
            let tight = SignInLimits(perLoginAndAddress: 1)
            try await fail(subject.store, login: "ad\u{0}min", address: "a", limits: tight, at: at(0))

            let again = try await subject.store.reserveSignIn(login: "ad\u{0}min", address: "a", limits: tight, at: at(1))

            #expect(again == .refuse(.loginAndAddress, retryAfter: 899))
        }
    }

    /// Reserves an attempt that then fails (its marks stay).
    private func fail(_ store: ContractStore, login: String, address: String, limits: SignInLimits? = nil, at now: Date) async throws {
        let decision = try await store.reserveSignIn(login: login, address: address, limits: limits ?? self.limits, at: now)
        #expect(isProceed(decision), "\(login) from \(address) was refused")
    }

    private func isProceed(_ decision: SignInDecision) -> Bool {
        if case .proceed = decision { true } else { false }
    }

    /// Runs `body` on a fresh store of `factory`, tearing it down afterwards.
    private static func run(_ factory: StoreFactory, _ body: (StoreUnderTest) async throws -> Void) async throws {
        let subject = try await factory.make()
        do {
            try await body(subject)
        } catch {
            try await subject.tearDown()
            throw error
        }
        try await subject.tearDown()
    }
}
