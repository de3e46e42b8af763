import Foundation
import MessengerFakes
import SwitchboardBench
import TestSupport
import Testing

/// A message polled by one instance reaches an operator's stream on another, and the reply posted
/// there is sent once.
@Suite struct PollToStreamTests {
    @Test func aMessagePolledByAReachesAStreamOnBAndTheReplyPostedToBIsSentOnce() async throws {
        try await ClusterFixture.with { cluster in
            let a = try await cluster.start("a")
            // Only A runs yet, so A takes the bot's poller lease; B starts once A is polling.
            try await cluster.waitForPolls(atLeast: 1)
            let b = try await cluster.start("b")
            // Signed in on A; the session lives in the database, so B knows it too.
            let session = try await OperatorSession.signIn(on: a).on(b)
            let hello = try await StreamReader.read(port: b.port, cookie: session.cookie) { $0.contains { $0.type == "hello" } }
            let latest = try #require(hello.first { $0.type == "hello" }?.latestSeq)

            let client = FakeTelegram.User(id: 5_000_000_101, firstName: "Ann")
            try await cluster.telegram.sendUserMessage(bot: ClusterFixture.token, from: client, text: "hello from telegram, polled by A")
            let frames = try await StreamReader.read(port: b.port, cookie: session.cookie, after: latest) { frames in
                frames.contains { $0.kind == "message.created" && $0.raw.contains("polled by A") }
            }
            let created = try #require(frames.first { $0.kind == "message.created" && $0.raw.contains("polled by A") })
            let conversation = try #require(created.conversationID)

            try await session.reply(to: conversation, text: "answered on B")
            try await eventually(timeout: .seconds(30), "the reply reached the client") {
                await cluster.telegram.sentMessages(bot: ClusterFixture.token, chatId: client.id).contains {
                    $0.text?.contains("answered on B") == true
                }
            }
            // Replies are signed with the operator's name, so the text is looked for inside the message.
            // Both instances run an outbox dispatcher: give a second send every chance to happen.
            try await Task.sleep(for: .seconds(3))
            let sent = await cluster.telegram.sentMessages(bot: ClusterFixture.token, chatId: client.id).filter {
                $0.text?.contains("answered on B") == true
            }
            #expect(sent.count == 1)
            #expect(try cluster.count("SELECT count(*) FROM messages WHERE direction = 'in'") == 1)
            #expect(a.isRunning && b.isRunning)
        }
    }
}
