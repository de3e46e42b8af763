import Logging
import Synchronization
import TestSupport
import Testing

@testable import SwitchboardApp

/// A channel restart reads the store until it answers: a passing outage must not leave the channel
/// stopped on this instance until its next change.
struct StoreReadRetryTests {
    struct Unreachable: Error {}

    @Test func readsAgainAfterFailuresUntilTheStoreAnswers() async throws {
        let tries = Mutex(0)
        let retry = StoreReadRetry(interval: .milliseconds(10), logger: Logger(label: "test"))
        let value = await retry.value("the channels") { () async throws -> [String] in
            let attempt = tries.withLock { tries in
                tries += 1
                return tries
            }
            if attempt < 3 { throw Unreachable() }
            return ["cluster-telegram"]
        }
        #expect(value == ["cluster-telegram"])
        #expect(tries.withLock { $0 } == 3)
    }

    @Test func anAnswerOfNothingIsAnAnswer() async throws {
        let retry = StoreReadRetry(interval: .milliseconds(10), logger: Logger(label: "test"))
        let value: String?? = await retry.value("the token") { nil }
        #expect(value == .some(nil))
    }

    @Test func givesUpOnlyWhenCancelled() async throws {
        let tries = Mutex(0)
        let retry = StoreReadRetry(interval: .milliseconds(10), logger: Logger(label: "test"))
        let reading = Task {
            await retry.value("the channels") { () async throws -> Int in
                tries.withLock { $0 += 1 }
                throw Unreachable()
            }
        }
        try await eventually("it kept trying") { tries.withLock { $0 } > 3 }
        reading.cancel()
        #expect(await reading.value == nil)
    }
}
