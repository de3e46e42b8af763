import SwitchboardCore
import Synchronization
import Testing

@Suite struct PartwiseSendTests {
    /// Records which parts were sent and fails the ones it is told to.
    final class Messenger: Sendable {
        let sent = Mutex<[Int]>([])
        let failing: Set<Int>

        init(failing: Set<Int> = []) {
            self.failing = failing
        }

        func send(_ index: Int) throws -> String {
            if failing.contains(index) { throw DeliveryFailure.retryAfter(seconds: 3, reason: "Too Many Requests") }
            sent.withLock { $0.append(index) }
            return "id-\(index)"
        }
    }

    @Test func aFreshReplySendsEveryPartInOrder() async throws {
        let messenger = Messenger()
        let ids = try await PartwiseSend.run(partCount: 3, resuming: .none) { try messenger.send($0) }
        #expect(ids == ["id-0", "id-1", "id-2"])
        #expect(messenger.sent.withLock { $0 } == [0, 1, 2])
    }

    @Test func aFailedPartReportsThePartsAcceptedBeforeIt() async throws {
        let messenger = Messenger(failing: [1])
        let error = await #expect(throws: PartialDeliveryFailure.self) {
            try await PartwiseSend.run(partCount: 3, resuming: .none) { try messenger.send($0) }
        }
        #expect(error?.progress == DeliveryProgress(acknowledgedParts: ["id-0"]))
        #expect(error?.failure == .retryAfter(seconds: 3, reason: "Too Many Requests"))
        #expect(messenger.sent.withLock { $0 } == [0])
    }

    @Test func aRetrySkipsTheAcknowledgedPartsAndReturnsEveryID() async throws {
        let messenger = Messenger()
        let earlier = DeliveryProgress(acknowledgedParts: ["id-0"])
        let ids = try await PartwiseSend.run(partCount: 3, resuming: earlier) { try messenger.send($0) }
        #expect(ids == ["id-0", "id-1", "id-2"])
        #expect(messenger.sent.withLock { $0 } == [1, 2])
    }

    @Test func aFailureOnARetryCountsTheEarlierPartsToo() async throws {
        let messenger = Messenger(failing: [2])
        let error = await #expect(throws: PartialDeliveryFailure.self) {
            try await PartwiseSend.run(partCount: 3, resuming: DeliveryProgress(acknowledgedParts: ["id-0"])) { try messenger.send($0) }
        }
        #expect(error?.progress.acknowledgedParts == ["id-0", "id-1"])
    }

    @Test func aFailureBeforeAnyNewPartIsThePartsOwnFailure() async throws {
        let messenger = Messenger(failing: [1])
        await #expect(throws: DeliveryFailure.retryAfter(seconds: 3, reason: "Too Many Requests")) {
            try await PartwiseSend.run(partCount: 3, resuming: DeliveryProgress(acknowledgedParts: ["id-0"])) { try messenger.send($0) }
        }
        #expect(messenger.sent.withLock { $0 }.isEmpty)
    }

    @Test func anErrorThatIsNotADeliveryFailureCountsAsTransient() async throws {
        struct Timeout: Error, CustomStringConvertible {
            var description: String { "timed out" }
        }
        await #expect(throws: DeliveryFailure.transient(reason: "timed out")) {
            try await PartwiseSend.run(partCount: 1, resuming: .none) { _ in throw Timeout() }
        }
    }

    @Test func theFinalReasonSaysHowMuchTheClientGot() {
        #expect(DeliveryProgress.none.failureReason("blocked") == "blocked")
        #expect(DeliveryProgress(acknowledgedParts: ["a"]).failureReason("blocked") == "blocked (1 part was delivered before this)")
        #expect(DeliveryProgress(acknowledgedParts: ["a", "b"]).failureReason("blocked") == "blocked (2 parts were delivered before this)")
    }
}
