import Foundation
import SwitchboardCore
import Testing

/// The sign-in rules on a snapshot, as every store applies them: the decision and the rows it writes.
@Suite struct SignInRulesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let limits = SignInLimits(perLoginAndAddress: 3, perAddress: 5, perLogin: 4, loginSpacing: 5, window: 600)
    let keys = SignInKeys(login: "Admin", address: "203.0.113.5")

    @Test func aFirstAttemptProceedsAndMarksItsPairAddressAndLoginAndPrunesPastTheWindow() throws {
        let (decision, changes) = SignInRules.reserve(SignInSnapshot(keys: keys, marks: []), limits: limits, now: now)

        #expect(isProceed(decision))
        #expect(changes.add == [keys.pair, keys.address, keys.login].map { SignInMark(key: $0, at: now) })
        #expect(changes.remove.isEmpty && changes.clear.isEmpty)
        #expect(changes.pruneBefore == now.addingTimeInterval(-600))
    }

    @Test func keysFoldTheLoginsCaseAndReplaceNUL() {
        #expect(SignInKeys(login: "ADMIN", address: "a") == SignInKeys(login: "admin", address: "a"))
        let odd = SignInKeys(login: "a\u{0}b", address: "x\u{0}")
        #expect(odd.pair == SignInKey(kind: .pair, login: "a\u{FFFD}b", address: "x\u{FFFD}"))
        #expect(odd.address == SignInKey(kind: .address, login: "", address: "x\u{FFFD}"))
    }

    @Test func aPairAtItsLimitIsRefusedUntilItsOldestMarkLeavesTheWindowAndWritesNoMark() {
        let marks = [100.0, 200, 300].map { SignInMark(key: keys.pair, at: now.addingTimeInterval(-$0)) }

        let (decision, changes) = SignInRules.reserve(SignInSnapshot(keys: keys, marks: marks), limits: limits, now: now)

        #expect(decision == .refuse(.loginAndAddress, retryAfter: 300))
        #expect(changes.add.isEmpty)
        #expect(changes.pruneBefore == now.addingTimeInterval(-600))
    }

    @Test func marksOutsideTheWindowDoNotCount() {
        let marks = [600.0, 700, 800].map { SignInMark(key: keys.pair, at: now.addingTimeInterval(-$0)) }

        #expect(isProceed(SignInRules.reserve(SignInSnapshot(keys: keys, marks: marks), limits: limits, now: now).decision))
    }

    @Test func anAddressAtItsLimitIsRefusedWhateverTheLogin() {
        let marks = (1...5).map { SignInMark(key: keys.address, at: now.addingTimeInterval(-Double($0))) }

        let decision = SignInRules.reserve(SignInSnapshot(keys: keys, marks: marks), limits: limits, now: now).decision

        #expect(decision == .refuse(.address, retryAfter: 595))
    }

    @Test func marksOfOtherKeysInASnapshotAreIgnored() {
        let other = SignInKeys(login: "maria", address: "198.51.100.7")
        let marks = (1...5).map { SignInMark(key: other.pair, at: now.addingTimeInterval(-Double($0))) }

        #expect(isProceed(SignInRules.reserve(SignInSnapshot(keys: keys, marks: marks), limits: limits, now: now).decision))
    }

    @Test func pastItsCeilingALoginGetsOneAttemptPerSpacingMarkedAsSpaced() {
        let failures = (1...4).map { SignInMark(key: keys.login, at: now.addingTimeInterval(-Double($0 * 10))) }

        let (first, changes) = SignInRules.reserve(SignInSnapshot(keys: keys, marks: failures), limits: limits, now: now)
        let afterFirst = failures + changes.add
        let soon = SignInRules.reserve(SignInSnapshot(keys: keys, marks: afterFirst), limits: limits, now: now.addingTimeInterval(2))
        let later = SignInRules.reserve(SignInSnapshot(keys: keys, marks: afterFirst), limits: limits, now: now.addingTimeInterval(5))

        #expect(isProceed(first))
        #expect(changes.add.contains(SignInMark(key: keys.spaced, at: now)))
        #expect(soon.decision == .refuse(.loginSlowed, retryAfter: 3))
        #expect(soon.changes.add.isEmpty)
        #expect(isProceed(later.decision))
    }

    @Test func belowItsCeilingALoginWritesNoSpacedMark() {
        let (_, changes) = SignInRules.reserve(SignInSnapshot(keys: keys, marks: []), limits: limits, now: now)

        #expect(!changes.add.contains { $0.key.kind == .spaced })
    }

    @Test func aSuccessClearsItsPairAndTakesBackOnlyItsOwnAddressAndLoginMarks() throws {
        let (decision, _) = SignInRules.reserve(SignInSnapshot(keys: keys, marks: []), limits: limits, now: now)
        guard case .proceed(let attempt) = decision else {
            Issue.record("the attempt is let through")
            return
        }

        let changes = SignInRules.release(attempt, limits: limits, now: now.addingTimeInterval(1))

        #expect(changes.clear == [keys.pair])
        #expect(changes.remove == [SignInMark(key: keys.address, at: now), SignInMark(key: keys.login, at: now)])
        #expect(changes.add.isEmpty)
        #expect(changes.pruneBefore == now.addingTimeInterval(-599))
    }

    @Test func aSpacingLongerThanTheWindowKeepsMarksForTheSpacing() {
        let long = SignInLimits(loginSpacing: 3_600, window: 600)

        #expect(SignInRules.retention(long) == 3_600)
        #expect(
            SignInRules.reserve(SignInSnapshot(keys: keys, marks: []), limits: long, now: now).changes.pruneBefore == now.addingTimeInterval(-3_600)
        )
    }

    private func isProceed(_ decision: SignInDecision) -> Bool {
        if case .proceed = decision { true } else { false }
    }
}
