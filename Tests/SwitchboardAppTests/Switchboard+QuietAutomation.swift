import Foundation
import SQLiteStore
import SwitchboardApp
import SwitchboardCore

extension Switchboard {
    /// Turns every automatic message off (the admin's global switches), for tests about something
    /// else whose timelines and sent-message counts would otherwise include the bot's messages.
    func silenceAutomation() async throws {
        let off = AutomationSettingsPatch(
            welcomeEnabled: false,
            operatorGreetingEnabled: false,
            autoCloseMinutes: 0,
            feedbackEnabled: false
        )
        try await store.saveAutomationSettingsPatch(off, channel: nil, at: Date())
    }
}
