import Foundation
import MessengerFakes
import SwitchboardBench
import TestSupport
import Testing

/// What an instance does when PostgreSQL goes away: `/readyz` says so quickly (a load balancer
/// takes the instance out), the process stays up, and it carries on by itself when the database is
/// back. An instance that cannot reach the database at start stops with a clear message.
@Suite struct DatabaseOutageTests {
    @Test func readyzFailsFastWhileTheDatabaseIsDownAndTheInstanceRecoversWithoutARestart() async throws {
        // A server of its own: this test stops it.
        let postgres = try ThrowawayPostgres()
        defer { postgres.stop() }
        try await ClusterFixture.with(postgres: postgres) { cluster in
            let a = try await cluster.start("a")
            try await cluster.waitForPolls(atLeast: 1)
            #expect(try await Self.get("/readyz", on: a).status == 200)

            try postgres.halt()
            // Each answer comes within the 2 s ping wait plus the request's own time, not never.
            for _ in 0..<3 {
                let started = ContinuousClock.now
                let answer = try await Self.get("/readyz", on: a)
                let took = ContinuousClock.now - started
                #expect(answer.status == 503, "\(answer.body)")
                #expect(answer.body.contains("not_ready"))
                #expect(took < .seconds(8), "readyz took \(took) while the database was down")
            }
            #expect(try await Self.get("/healthz", on: a).status == 200)
            #expect(a.isRunning)

            try postgres.resume()
            try await eventually(timeout: .seconds(60), "readyz answers 200 again") {
                (try? await Self.get("/readyz", on: a).status) == 200
            }
            // Not only the probe: the poller, the store and the outbox work again.
            let client = FakeTelegram.User(id: 5_000_000_301, firstName: "Olga")
            try await cluster.telegram.sendUserMessage(bot: ClusterFixture.token, from: client, text: "written after the outage")
            try await eventually(timeout: .seconds(60), "the message after the outage was stored") {
                (try? cluster.count("SELECT count(*) FROM messages WHERE text LIKE 'written after the outage%'")) == 1
            }
            let session = try await OperatorSession.signIn(on: a)
            let conversation = try #require(
                Int64(try cluster.query("SELECT conversation_id FROM messages WHERE text LIKE 'written after the outage%'").first ?? "")
            )
            _ = try await session.reply(to: conversation, text: "answered after the outage")
            try await eventually(timeout: .seconds(60), "the reply was sent") {
                await cluster.telegram.sentMessages(bot: ClusterFixture.token, chatId: client.id).contains {
                    $0.text?.contains("answered after the outage") == true
                }
            }
            #expect(a.isRunning)
        }
    }

    @Test func serveStopsAtStartWithAClearMessageWhenTheDatabaseCannotBeReached() async throws {
        try await ClusterFixture.with { cluster in
            // Nothing listens on this port: the same settings, pointed at a server that is not there.
            let nowhere = try Socket.serverPort()
            var settings = cluster.settings
            settings["SWITCHBOARD_DATABASE"] = "postgres://postgres@127.0.0.1:\(nowhere)/\(cluster.database)?sslmode=disable"
            let instance = try ServeInstance.start(name: "unreachable", environment: settings, folder: cluster.folder.url)
            let started = ContinuousClock.now
            try await eventually(timeout: .seconds(60), "serve stopped") { !instance.isRunning }
            let took = ContinuousClock.now - started
            #expect(instance.exitStatus != 0)
            #expect(instance.logTail().contains("did not answer within"), "\(instance.logTail())")
            #expect(took < .seconds(45), "serve took \(took) to give up")
        }
    }

    private static func get(_ path: String, on instance: ServerProcess) async throws -> (status: Int, body: String) {
        try await KeepAliveConnection.with(port: instance.port) { connection in
            let reply = try await connection.send(.init(path: path))
            return (reply.status, String(decoding: reply.body, as: UTF8.self))
        }
    }
}
