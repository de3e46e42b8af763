import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SwitchboardCore
import Testing

/// Take is compare-and-set: of operators pressing Take at the same moment, exactly one wins.
@Suite struct TakeRaceTests {
    @Test func simultaneousTakesGiveOne200AndA409NamingTheHolderToEveryoneElse() async throws {
        try await InboxHarness.run { harness, client in
            var sessions: [(name: String, session: InboxHarness.Session)] = []
            for login in ["anna", "boris", "carla", "dmytro", "emma", "fedir", "galyna", "hanna"] {
                _ = try await harness.addOperator(login)
                sessions.append((login.capitalized, try await harness.signIn(client, login)))
            }
            let port = try #require(client.port)
            for round in 0..<5 {
                let conversation = try await harness.clientWrites("help \(round)", from: "u-\(round)")
                // Given everyone presses Take on their own connection at once
                let replies = try await withThrowingTaskGroup(of: (String, HTTPResponse.Status, String).self) { group in
                    for (name, session) in sessions {
                        group.addTask {
                            let (status, body) = try await Self.take(conversation, as: session, port: port)
                            return (name, status, body)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                // Then exactly one holds it and every other one is told who does
                let winners = replies.filter { $0.1 == .ok }
                #expect(winners.count == 1, "round \(round): \(replies.map { "\($0.0) \($0.1.code)" })")
                #expect(replies.filter { $0.1 == .conflict }.count == sessions.count - 1)
                if let winner = winners.first {
                    for loser in replies where loser.1 == .conflict {
                        #expect(loser.2.contains("\"taken\"") && loser.2.contains(winner.0), "\(loser.2)")
                    }
                }
            }
        }
    }

    private static func take(
        _ conversation: ConversationID,
        as session: InboxHarness.Session,
        port: Int
    ) async throws -> (HTTPResponse.Status, String) {
        try await TestClient.withClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(60))) { connection in
            let headers: HTTPFields = [.cookie: session.cookie, HTTPField.Name("X-CSRF-Token")!: session.csrf]
            let request = TestClient.Request("/api/v1/conversations/\(conversation)/take", method: .post, authority: "localhost", headers: headers)
            let response = try await connection.execute(request)
            return (response.head.status, response.body.map { String(buffer: $0) } ?? "")
        }
    }
}
