import Foundation
import SwitchboardCore
import SwitchboardWeb
import Testing

/// The per-key limiter keeps one window per limited key and never more than its capacity.
@Suite struct APIKeyRateLimiterTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func key(_ id: Int64, limit: Int?) -> APIKey {
        APIKey(id: id, name: "key-\(id)", createdAt: now, scopes: [.reportsRead], ratePerMinute: limit)
    }

    @Test func eachKeyHasItsOwnBudgetAndUnlimitedKeysAreNotTracked() async {
        let limiter = APIKeyRateLimiter()

        #expect(await limiter.retryAfter(for: key(1, limit: 1), now: now) == nil)
        #expect(await limiter.retryAfter(for: key(1, limit: 1), now: now.addingTimeInterval(15)) == 45)
        #expect(await limiter.retryAfter(for: key(2, limit: 1), now: now.addingTimeInterval(15)) == nil)
        for _ in 0..<5 { #expect(await limiter.retryAfter(for: key(3, limit: nil), now: now) == nil) }
        #expect(await limiter.count == 2)
    }

    @Test func memoryStaysWithinCapacityAndFinishedWindowsMakeRoom() async {
        let limiter = APIKeyRateLimiter(capacity: 2)
        _ = await limiter.retryAfter(for: key(1, limit: 5), now: now)
        _ = await limiter.retryAfter(for: key(2, limit: 5), now: now)

        // A third key while both windows run: allowed, but not remembered.
        #expect(await limiter.retryAfter(for: key(3, limit: 5), now: now.addingTimeInterval(1)) == nil)
        #expect(await limiter.count == 2)

        // A minute later the finished windows are dropped to make room.
        #expect(await limiter.retryAfter(for: key(3, limit: 5), now: now.addingTimeInterval(61)) == nil)
        #expect(await limiter.count == 1)
    }
}
