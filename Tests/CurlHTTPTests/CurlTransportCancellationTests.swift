import CurlHTTP
import Foundation
import Testing

/// Cancelling the awaiting task stops the transfer.
@Suite(.timeLimit(.minutes(3))) struct CurlTransportCancellationTests {
    @Test func cancellingInFlightRequestThrowsPromptlyAndFreesTheWorker() async throws {
        try await TestServer.run { server in
            // One worker: the follow-up request can only run once the cancelled transfer is aborted.
            let transport = CurlTransport(configuration: .init(maxConcurrentRequests: 1))
            var arrivals = server.probe.hangArrivals.makeAsyncIterator()
            let hanging = Task {
                try await transport.send(HTTPRequest(url: server.url("/hang"), timeout: .seconds(20)))
            }
            await arrivals.next()
            let clock = ContinuousClock()
            let cancelledAt = clock.now

            hanging.cancel()
            let result = await hanging.result

            // Far below the 20 s the transfer would otherwise hang; loose enough for a loaded machine
            // (libcurl's progress callback, which aborts the transfer, runs at least once a second).
            #expect(clock.now - cancelledAt < .seconds(10))
            #expect(throws: CancellationError.self) { try result.get() }
            // The one worker is free again: the follow-up does not wait for the 20 s hang to end.
            let followUp = try await transport.send(HTTPRequest(url: server.url("/echo"), timeout: .seconds(30)))
            #expect(followUp.status == 200)
            #expect(clock.now - cancelledAt < .seconds(15))
        }
    }

    @Test func alreadyCancelledTaskNeverSends() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport()
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await transport.send(HTTPRequest(url: server.url("/echo")))
            }

            await #expect(throws: CancellationError.self) { try await task.value }
            // A request that did go out would be counted before the next one.
            _ = try await transport.send(HTTPRequest(url: server.url("/echo")))
            #expect(server.probe.requestCount == 1)
        }
    }
}
