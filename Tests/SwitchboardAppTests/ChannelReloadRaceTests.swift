import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TestSupport
import Testing

@Suite struct ChannelReloadRaceTests {
    let user = FakeTelegram.User(id: 5_000_000_777, firstName: "Petro", languageCode: "uk")
    let bot = TelegramAppHarness.token

    @Test(.timeLimit(.minutes(3))) func overlappingResumesThenAPauseLeaveNoPollerAndOneResumeLeavesExactlyOne() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .poll)
        try await harness.serving { switchboard in
            let admin = try await ChannelAdminAPITests.Session.signIn(harness, switchboard, role: .admin, login: "root")
            for round in 1...10 {
                // When three resumes overlap, then a pause follows
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<3 {
                        group.addTask { try await admin.call(.post, "/api/v1/channels/\(channel.id)/resume").status }
                    }
                    for try await status in group { #expect(status == 200) }
                }
                #expect(try await admin.call(.post, "/api/v1/channels/\(channel.id)/pause").status == 200)

                // Then no poller is left: no getUpdates arrives, and a client's message stays with Telegram
                // (a request the stopped poller had already sent may still be reaching the fake: let it land).
                try await Task.sleep(for: .milliseconds(200))
                let polls = await harness.telegram.calls(bot: bot, method: "getUpdates").count
                let waiting = await harness.telegram.pendingUpdateCount(bot: bot)
                try await harness.telegram.sendUserMessage(bot: bot, from: user, text: "while paused, round \(round)")
                try await Task.sleep(for: .milliseconds(500))
                #expect(await harness.telegram.calls(bot: bot, method: "getUpdates").count == polls)
                #expect(await harness.telegram.pendingUpdateCount(bot: bot) == waiting + 1)
            }

            // When the channel is resumed once
            #expect(try await admin.call(.post, "/api/v1/channels/\(channel.id)/resume").status == 200)

            // Then one poller takes the waiting messages and keeps polling without a 409 Conflict
            try await eventually("the waiting messages are taken") { await harness.telegram.pendingUpdateCount(bot: bot) == 0 }
            let conflicts = await harness.telegram.pollConflictCount(bot: bot)
            try await Task.sleep(for: .milliseconds(3500))
            #expect(await harness.telegram.pollConflictCount(bot: bot) == conflicts)
            #expect(try await switchboard.store.messages(in: ConversationID(1)).count == 10)
        }
    }
}
