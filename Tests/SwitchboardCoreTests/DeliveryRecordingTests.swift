import Foundation
import SwitchboardCore
import Testing

@Suite struct DeliveryRecordingTests {
    let policy = DeliveryRecording.Policy(attempts: 3, baseDelay: 0.5)
    let sent = DeliveryReport.sent(MessageID(4), externalMessageID: "1:77")

    @Test func aFailedWriteIsRetriedWithGrowingWaits() {
        var recording = DeliveryRecording(sent, policy: policy)
        #expect(recording.writeFailed(error: "disk I/O error") == .retry(afterSeconds: 0.5))
        #expect(recording.writeFailed(error: "disk I/O error") == .retry(afterSeconds: 1))
        #expect(recording.report == sent)
    }

    @Test func afterItsRetriesTheMessageIsMarkedFailedWithTheReason() {
        var recording = DeliveryRecording(sent, policy: policy)
        _ = recording.writeFailed(error: "disk I/O error")
        _ = recording.writeFailed(error: "disk I/O error")

        #expect(recording.writeFailed(error: "disk I/O error") == .fallBack)
        #expect(recording.fellBack)
        #expect(
            recording.report
                == .failed(
                    MessageID(4),
                    reason: "could not record delivery result (disk I/O error); the messenger had accepted it",
                    recipientUnreachable: false
                )
        )
    }

    @Test func aFallbackThatCannotBeWrittenEitherIsKeptInMemory() {
        var recording = DeliveryRecording(sent, policy: policy)
        for _ in 0..<3 { _ = recording.writeFailed(error: "disk full") }
        #expect(recording.writeFailed(error: "disk full") == .retry(afterSeconds: 0.5))
        #expect(recording.writeFailed(error: "disk full") == .retry(afterSeconds: 1))
        #expect(recording.writeFailed(error: "disk full") == .keepInMemory)
    }

    @Test func aKeptFallbackIsNotReplacedAgain() {
        let kept = DeliveryReport.failed(MessageID(4), reason: "could not record delivery result (disk full)", recipientUnreachable: false)
        var recording = DeliveryRecording(kept, policy: DeliveryRecording.Policy(attempts: 1, baseDelay: 0), fellBack: true)
        #expect(recording.writeFailed(error: "disk full") == .keepInMemory)
        #expect(recording.report == kept)
    }

    @Test func aRetryThatCannotBeRecordedEndsFailedWithItsReason() {
        let retry = DeliveryReport.retry(MessageID(4), at: Date(timeIntervalSince1970: 0), reason: "Too Many Requests")
        var recording = DeliveryRecording(retry, policy: DeliveryRecording.Policy(attempts: 1, baseDelay: 0))
        #expect(recording.writeFailed(error: "constraint failed") == .fallBack)
        #expect(
            recording.report
                == .failed(
                    MessageID(4),
                    reason: "could not record delivery result (constraint failed); the attempt had failed: Too Many Requests",
                    recipientUnreachable: false
                )
        )
    }
}
