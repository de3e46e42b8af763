import Accounts
import CurlHTTP
import Foundation
import HTTPTypes
import Logging
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import Synchronization
import TestSupport
import Testing
import WSClient

@Suite struct TypingRateLimitAppTests {
    @Test(.timeLimit(.minutes(3))) func tenTypingFramesAtOnceBecomeAtMostTwoTypingCallsOnTelegram() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        _ = try await harness.addChannel(mode: .poll)
        let user = FakeTelegram.User(id: 5_000_000_004, firstName: "Ira")

        try await harness.serving { switchboard in
            // Given a client's conversation and a signed-in operator with the inbox stream open
            try await harness.telegram.sendUserMessage(bot: TelegramAppHarness.token, from: user, text: "hello")
            try await eventually("conversation stored") { try await switchboard.store.conversation(ConversationID(1)) != nil }
            let hash = try await PasswordHasher(cost: 4).hash("password123")
            _ = try await switchboard.store.createOperator(
                OperatorDraft(login: "maria", displayName: "Maria", role: .operator, passwordHash: hash),
                at: Date()
            )
            let signIn = try await harness.client.send(
                .init(method: .post, url: harness.baseURL + "/api/v1/session", body: .json(Data(#"{"login":"maria","password":"password123"}"#.utf8)))
            )
            let cookie = try #require(signIn.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            var headers = HTTPFields()
            headers[.cookie] = cookie
            headers[.origin] = harness.baseURL

            // When the inbox sends ten typing frames at once, as keystrokes do (a pause between them
            // would let a loaded test machine stretch the burst past the four-second throttle)
            let url = "ws://127.0.0.1:\(harness.config.port)/api/v1/stream"
            let started = Mutex(Date())
            try await WebSocketClient.connect(url: url, configuration: .init(additionalHeaders: headers), logger: Logger(label: "test")) {
                inbound,
                outbound,
                _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message, text.contains(#""hello""#) else { continue }
                    started.withLock { $0 = Date() }
                    for _ in 0..<10 {
                        try await outbound.write(.text(#"{"type":"typing","conversationID":1}"#))
                    }
                    // Stay connected while the server works through the frames.
                    try await Task.sleep(for: .milliseconds(500))
                    return
                }
            }

            // Then the client was shown "typing…", not ten times: at most once per four seconds of
            // the server's time. The server reads each frame's session and conversation first, so a
            // machine loaded by the whole suite can spread the ten frames; every hint that arrived
            // was admitted between the first frame and now, which bounds how many the throttle
            // could let through (the exact rule is TypingThrottleTests' job, on a manual clock)
            try await eventually("typing shown") { await !harness.telegram.chatActions(bot: TelegramAppHarness.token).isEmpty }
            try await Task.sleep(for: .milliseconds(200))
            let actions = await harness.telegram.chatActions(bot: TelegramAppHarness.token, chatId: user.id).map(\.action)
            let window = Date().timeIntervalSince(started.withLock { $0 })
            let allowed = Int(window / TypingThrottle.interval) + 1
            #expect(Set(actions) == ["typing"])
            #expect(actions.count <= min(allowed, 9), "\(actions.count) hints in \(window) s")
        }
    }
}
