import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A real HTTP server on 127.0.0.1 for one test, with routes that echo what they received.
struct TestServer: Sendable {
    /// The bound port.
    let port: Int
    /// What the server observed.
    let probe: ServerProbe

    /// An absolute URL on this server.
    func url(_ pathAndQuery: String, host: String = "127.0.0.1") -> String {
        "http://\(host):\(self.port)\(pathAndQuery)"
    }

    /// Starts a server on a free port, runs `body`, then releases hanging requests and stops the server.
    static func run(_ body: @Sendable (TestServer) async throws -> Void) async throws {
        let probe = ServerProbe()
        let app = Application(
            router: TestRoutes.router(probe: probe),
            configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Open the gate even when the test fails, or graceful shutdown would wait on `/hang`.
            defer { probe.hangGate.open() }
            try await body(TestServer(port: port, probe: probe))
        }
    }
}
