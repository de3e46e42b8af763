import Foundation
import SwitchboardCore

/// The server's one ``TypingThrottle``, shared by every request and socket that reports typing.
actor TypingGate {
    private var throttle = TypingThrottle()

    /// Whether the hint for `conversation` goes out now.
    func admit(_ conversation: ConversationID, at now: Date) -> Bool {
        throttle.admit(conversation, at: now)
    }
}
