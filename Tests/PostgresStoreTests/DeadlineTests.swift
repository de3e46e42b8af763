import Foundation
import Synchronization
import Testing

@testable import PostgresStore

/// `withDeadline`, the bound on every wait for PostgreSQL that must answer in time (`/readyz`, the
/// first answer at start, a lease's heartbeat). No database: the work is a stand-in that answers,
/// fails, or never ends.
struct DeadlineTests {
    @Test func workThatAnswersInTimeGivesItsResult() async throws {
        let answer = try await withDeadline(.seconds(5), server: "db") { 42 }
        #expect(answer == 42)
    }

    @Test func workThatFailsInTimeGivesItsError() async throws {
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            try await withDeadline(.seconds(5), server: "db") { () async throws -> Int in throw Refused() }
        }
    }

    @Test func workThatIgnoresCancellationStillEndsTheWaitAtTheDeadline() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: DatabaseUnavailable.self) {
            try await withDeadline(.milliseconds(200), server: "127.0.0.1:5432/desk") {
                // Never ends, cancelled or not, as a query on a dead connection does.
                await withUnsafeContinuation { (_: UnsafeContinuation<Int, Never>) in }
            }
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(error?.description == "PostgreSQL at 127.0.0.1:5432/desk did not answer within 200 ms")
    }

    @Test func workStillRunningAtTheDeadlineIsCancelled() async throws {
        let cancelled = Mutex(false)
        await #expect(throws: DatabaseUnavailable.self) {
            try await withDeadline(.milliseconds(100), server: "db") {
                do {
                    try await Task.sleep(for: .seconds(30))
                } catch {
                    cancelled.withLock { $0 = true }
                    throw error
                }
            }
        }
        try await eventuallyTrue { cancelled.withLock { $0 } }
    }

    @Test func cancellingTheCallerEndsTheWait() async throws {
        let waiting = Task {
            try await withDeadline(.seconds(30), server: "db") { try await Task.sleep(for: .seconds(30)) }
        }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        let started = ContinuousClock.now
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    private func eventuallyTrue(_ condition: () -> Bool) async throws {
        for _ in 0..<100 where !condition() {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(condition())
    }
}
