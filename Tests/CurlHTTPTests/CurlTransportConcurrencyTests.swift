import CurlHTTP
import Foundation
import Testing

/// Many requests at once, and keep-alive reuse of each worker's connection.
@Suite(.timeLimit(.minutes(3))) struct CurlTransportConcurrencyTests {
    @Test func twoHundredConcurrentRequestsAllSucceedOverFewConnections() async throws {
        try await TestServer.run { server in
            let workers = 4
            let transport = CurlTransport(configuration: .init(maxConcurrentRequests: workers))

            let uris = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let response = try await transport.send(HTTPRequest(url: server.url("/echo?n=\(index)")))
                        return try JSONDecoder().decode(Echo.self, from: response.body).uri
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }

            #expect(uris == Set((0..<200).map { "/echo?n=\($0)" }))
            #expect(server.probe.requestCount == 200)
            #expect(server.probe.connectionCount <= workers)
        }
    }

    @Test func sequentialRequestsReuseOneKeptAliveConnection() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport(configuration: .init(maxConcurrentRequests: 1))

            var newConnections: [Int] = []
            for index in 0..<20 {
                let response = try await transport.send(HTTPRequest(method: .post, url: server.url("/echo"), body: .json(Data("[\(index)]".utf8))))
                newConnections.append(response.newConnections)
            }

            #expect(newConnections == [1] + Array(repeating: 0, count: 19))
            #expect(server.probe.requestCount == 20)
            #expect(server.probe.connectionCount == 1)
        }
    }

    @Test func threadsStartWithRequestsAndOneServesRequestsThatComeOneAfterAnother() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport(configuration: .init(maxConcurrentRequests: 4))
            #expect(transport.workerThreads == 0)

            for _ in 0..<5 {
                _ = try await transport.send(HTTPRequest(url: server.url("/echo")))
            }

            #expect(transport.workerThreads == 1)
            #expect(server.probe.connectionCount == 1)
        }
    }

    @Test func anIdleWorkerExitsWithItsConnectionAndALaterRequestStartsAnother() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport(configuration: .init(maxConcurrentRequests: 4, idleWorkerTimeout: .milliseconds(300)))
            _ = try await transport.send(HTTPRequest(url: server.url("/echo")))

            try await waitUntil { transport.workerThreads == 0 }
            let response = try await transport.send(HTTPRequest(url: server.url("/echo")))

            #expect(response.status == 200)
            #expect(server.probe.connectionCount == 2)
            try await waitUntil { transport.workerThreads == 0 }
        }
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            try #require(ContinuousClock.now < deadline, "timed out")
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test func concurrentRequestsNeverStartMoreThreadsThanAllowed() async throws {
        try await TestServer.run { server in
            let transport = CurlTransport(configuration: .init(maxConcurrentRequests: 3))
            let peak = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<60 {
                    group.addTask {
                        _ = try await transport.send(HTTPRequest(url: server.url("/echo")))
                        return transport.workerThreads
                    }
                }
                return try await group.reduce(0) { max($0, $1) }
            }
            #expect(peak <= 3)
            #expect(server.probe.connectionCount <= 3)
        }
    }
}
