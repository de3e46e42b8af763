import CurlHTTP
import Foundation
import MessengerFakes
import SwitchboardApp
import SwitchboardCore
import TelegramChannel
import Testing

@Suite struct StaffGroupAPITests {
    let staff: Int64 = -1_002_222_333_444

    @Test func connectingAStaffGroupSaysWhatIsMissingAndStoresItOnlyWhenReady() async throws {
        let harness = try await TelegramAppHarness()
        defer { Task { await harness.stop() } }
        let channel = try await harness.addChannel(mode: .poll)
        let token = TelegramAppHarness.token
        try await harness.serving { switchboard in
            let admin = try await ChannelAdminAPITests.Session.signIn(harness, switchboard, role: .admin, login: "root")
            let path = "/api/v1/channels/\(channel.id)/staff-group"

            let unknown = try await admin.call(.put, path, ["chatID": staff])
            #expect(unknown.status == 422)
            #expect(unknown.text.contains("add the bot to the group first"))

            try await harness.telegram.addSupergroup(bot: token, chatId: staff, title: "Support staff", isForum: false, botRole: .member)
            let plain = try await admin.call(.put, path, ["chatID": staff])
            #expect(plain.status == 422)
            let plainMessage = try #require((plain.json["error"] as? [String: Any])?["message"] as? String)
            #expect(plainMessage.contains("the group has no topics"))
            #expect(plainMessage.contains("the bot is not an administrator of the group (it is member)"))

            try await harness.telegram.addSupergroup(
                bot: token,
                chatId: staff,
                title: "Support staff",
                isForum: true,
                botRole: .administrator(canManageTopics: false)
            )
            let noTopics = try await admin.call(.put, path, ["chatID": staff])
            #expect(noTopics.status == 422)
            #expect(noTopics.text.contains("may not manage topics"))
            let untouched = try await switchboard.store.channelCredentials(channel.id)?.settingsJSON ?? "{}"
            #expect(TelegramChannelSettings(json: untouched).staffGroupChatID == nil)

            try await harness.telegram.setBotRole(bot: token, chatId: staff, role: .administrator(canManageTopics: true))
            let connected = try await admin.call(.put, path, ["chatID": staff])
            #expect(connected.status == 200)
            #expect((connected.json["staffGroupChatID"] as? NSNumber)?.int64Value == staff)
            let stored = try await switchboard.store.channelCredentials(channel.id)?.settingsJSON ?? "{}"
            #expect(TelegramChannelSettings(json: stored).staffGroupChatID == staff)

            let off = try await admin.call(.delete, path)
            #expect(off.status == 200)
            #expect(off.json["staffGroupChatID"] == nil)
        }
    }
}
