import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

/// A Viber client who sends 25 messages in a few seconds is muted after 20: everything is kept,
/// the client is told once, and operators hear of the conversation once.
@Suite struct FloodControlAppTests {
    let flooder = FakeViber.User(id: "Fl00d+/er==", name: "Petro", language: "uk", country: "UA")
    var token: String { ViberAppHarness.token }

    @Test func twentyFiveMessagesInTenSecondsGiveOneNoticeAndOneNotification() async throws {
        let harness = try await ViberAppHarness()
        defer { Task { await harness.stop() } }
        try await harness.addChannel()

        try await harness.serving(automation: true) { switchboard in
            // When the client sends 25 messages at once
            for index in 1...25 {
                _ = try await harness.viber.userSends(bot: token, user: flooder, message: .text("message \(index)"))
            }

            // Then all 25 are stored in one conversation, the last five held by flood control
            try await eventually("all stored") {
                try await switchboard.store.messages(in: ConversationID(1)).filter { $0.author == .client }.count == 25
            }
            let stored = try await switchboard.store.messages(in: ConversationID(1)).filter { $0.author == .client }
            #expect(stored.filter { $0.hold == .flood }.map(\.text) == (21...25).map { "message \($0)" })

            // and the client gets exactly one notice in a language of the desk
            let notices = Set(AutomationLanguage.allCases.map { AutomationText.floodNotice.defaultText($0) })
            try await eventually("the notice reached the client") {
                await harness.viber.sentMessages(bot: token).contains { notices.contains($0.text ?? "") }
            }
            try await BanAppTests.automationCaughtUp(switchboard)
            let sent = await harness.viber.sentMessages(bot: token).compactMap(\.text)
            #expect(sent.filter(notices.contains) == [AutomationText.floodNotice.defaultText(.uk)])

            // and the stream announced one conversation and one mute; held messages moved nothing
            let events = try await switchboard.store.events(after: 0, limit: 10_000)
            #expect(events.filter { $0.kind == .conversationOpened }.count == 1)
            #expect(events.filter { $0.kind == .identityMuted }.count == 1)
        }
    }
}
