import Foundation
import SwitchboardCore
import Testing

@Suite struct WebhookRetryScheduleTests {
    static let queued = Date(timeIntervalSince1970: 1_800_000_000)
    let schedule = WebhookRetrySchedule()

    func delay(attempt: Int, jitter: Double = 1) -> TimeInterval? {
        let now = Self.queued.addingTimeInterval(60)
        guard case .retry(let at) = schedule.decide(attempt: attempt, queuedAt: Self.queued, now: now, jitter: jitter) else { return nil }
        return at.timeIntervalSince(now)
    }

    @Test func delaysDoubleFromThirtySecondsUpToAnHour() {
        #expect(delay(attempt: 1) == 30)
        #expect(delay(attempt: 2) == 60)
        #expect(delay(attempt: 5) == 480)
        #expect(delay(attempt: 8) == 3600)
        #expect(delay(attempt: 40) == 3600)
    }

    @Test func jitterKeepsTheDelayBetweenHalfAndAllOfTheBackoff() {
        #expect(delay(attempt: 2, jitter: 0) == 30)
        #expect(delay(attempt: 2, jitter: 0.5) == 45)
        #expect(delay(attempt: 2, jitter: 7) == 60)
    }

    @Test func retriesGoOnForADayThenGiveUp() {
        let almostADay = Self.queued.addingTimeInterval(24 * 3600 - 1)
        #expect(schedule.decide(attempt: 30, queuedAt: Self.queued, now: almostADay, jitter: 0) != .giveUp)
        #expect(schedule.decide(attempt: 31, queuedAt: Self.queued, now: Self.queued.addingTimeInterval(24 * 3600), jitter: 0) == .giveUp)
    }

    func dispatch(attempts: Int) -> WebhookDispatch {
        let delivery = WebhookDelivery(
            id: WebhookDeliveryID(4),
            webhookID: OutgoingWebhookID(2),
            seq: 17,
            type: .messageIn,
            status: .pending,
            attempts: attempts,
            queuedAt: Self.queued,
            nextAttemptAt: Self.queued,
            body: "{}"
        )
        return WebhookDispatch(delivery: delivery, url: "https://hooks.example/in", secretCiphertext: Data())
    }

    @Test func aTwoHundredIsDelivered() {
        let record = schedule.record(
            dispatch(attempts: 0),
            result: WebhookPostResult(statusCode: 204, error: nil, responseMillis: 12),
            at: Self.queued,
            jitter: 0
        )
        #expect(record.status == .delivered && record.nextAttemptAt == nil && record.disable == nil && record.responseMillis == 12)
    }

    @Test func aFailureWithinTheDayIsRetriedAndKeepsItsError() {
        let now = Self.queued.addingTimeInterval(10)
        let record = schedule.record(
            dispatch(attempts: 1),
            result: WebhookPostResult(statusCode: 500, error: "HTTP 500", responseMillis: 3),
            at: now,
            jitter: 1
        )
        #expect(record.status == .pending)
        #expect(record.nextAttemptAt == now.addingTimeInterval(60))
        #expect(record.error == "HTTP 500" && record.statusCode == 500)
        #expect(record.disable == nil)
    }

    @Test func aFailureAfterTheDayFailsAndDisablesTheEndpointWithANotice() throws {
        let now = Self.queued.addingTimeInterval(25 * 3600)
        let result = WebhookPostResult(statusCode: nil, error: "connection refused", responseMillis: nil)
        let record = schedule.record(dispatch(attempts: 29), result: result, at: now, jitter: 0)
        #expect(record.status == .failed && record.nextAttemptAt == nil)
        let notice = try #require(record.disable)
        #expect(notice.reason.contains("30 attempts") && notice.reason.contains("connection refused"))
        #expect(notice.audit.action == "webhook.disabled" && notice.audit.actor == .system && notice.audit.at == now)
        #expect(notice.audit.target == "webhook 2 https://hooks.example/in")
    }
}
