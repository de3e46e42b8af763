import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchboardCore
import Testing

/// Sign-in under attack: parallel guesses, strangers locking a user out, oversized logins.
@Suite struct SignInThrottleAPITests {
    @Test func fortyParallelWrongPasswordsGetAtMostFivePasswordChecks() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("admin", role: .admin)
            let port = try #require(client.port)
            // Given 40 guesses on 40 connections at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await Self.signInOnItsOwnConnection(port: port, login: "admin", password: "wrong-guess") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Then at most five were checked (401) and every other one was refused at once (429)
            let checked = statuses.filter { $0 == .unauthorized }.count
            #expect(checked >= 1 && checked <= 5, "\(checked) password checks")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 40 - checked)
        }
    }

    @Test func fiveWrongPasswordsFromOneAddressDoNotLockTheAdminOutElsewhere() async throws {
        try await InboxHarness.run { harness, client in
            _ = try await harness.addOperator("admin", role: .admin)
            let stranger: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "203.0.113.5"]
            let office: HTTPFields = [HTTPField.Name("X-Forwarded-For")!: "198.51.100.7"]
            for _ in 0..<5 {
                let reply = try await harness.send(client, .post, "/api/v1/session", json: ["login": "admin", "password": "nope"], headers: stranger)
                #expect(reply.status == .unauthorized)
            }
            let blocked = try await harness.send(
                client,
                .post,
                "/api/v1/session",
                json: ["login": "admin", "password": "password123"],
                headers: stranger
            )
            #expect(blocked.status == .tooManyRequests)
            let admin = try await harness.send(
                client,
                .post,
                "/api/v1/session",
                json: ["login": "admin", "password": "password123"],
                headers: office
            )
            #expect(admin.status == .ok)
        }
    }

    @Test func aLoginOver100CharactersIsRefusedWith400() async throws {
        try await InboxHarness.run { harness, client in
            let login = String(repeating: "a", count: 101)
            let reply = try await harness.send(client, .post, "/api/v1/session", json: ["login": login, "password": "whatever1"])
            #expect(reply.status == .badRequest)
            #expect(reply.errorCode == "invalid_login")
        }
    }

    private static func signInOnItsOwnConnection(port: Int, login: String, password: String) async throws -> HTTPResponse.Status {
        try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(60))) { connection in
            let body = try JSONSerialization.data(withJSONObject: ["login": login, "password": password])
            let request = TestClient.Request(
                "/api/v1/session",
                method: .post,
                authority: "localhost",
                headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: body)
            )
            return try await connection.execute(request).head.status
        }
    }
}
