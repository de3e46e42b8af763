import CurlHTTP
import Foundation
import Testing

/// Many requests at once, and keep-alive reuse of each worker's connection.
@Suite(.timeLimit(.minutes(1))) struct CurlTransportConcurrencyTests {
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
}
