import Foundation
import SwitchboardCore

/// Everything needed to word an automatic message for one conversation: the client's language and
/// name, the channel's effective settings, and the admins' text overrides.
struct AutomationContext: Sendable {
    let conversation: Conversation
    let contact: Contact?
    let language: AutomationLanguage
    let settings: AutomationSettings
    /// Channel overrides first, then global ones.
    let overrides: [AutomationTextOverride]

    /// Loads the context of a conversation; nil when it does not exist.
    static func load(_ conversationID: ConversationID, store: any Store & AutomationStore) async throws -> AutomationContext? {
        guard let conversation = try await store.conversation(conversationID) else { return nil }
        let contact = try await store.contact(conversation.contactID)
        let identity = try await store.identities(of: conversation.contactID).first { $0.id == conversation.identityID }
        let channelTexts = try await store.automationTextOverrides(channel: conversation.channelID)
        let globalTexts = try await store.automationTextOverrides(channel: nil)
        return AutomationContext(
            conversation: conversation,
            contact: contact,
            language: AutomationLanguage(contact: contact, identity: identity),
            settings: try await settings(conversation.channelID, store: store),
            overrides: channelTexts + globalTexts
        )
    }

    /// The settings in force on a channel: defaults, then global, then the channel's own.
    static func settings(_ channelID: ChannelID, store: any AutomationStore) async throws -> AutomationSettings {
        AutomationSettings.defaults
            .applying(try await store.automationSettingsPatch(channel: nil))
            .applying(try await store.automationSettingsPatch(channel: channelID))
    }

    /// The raw text of a kind in the client's language: the channel's, else the global override, else the default.
    func text(_ kind: AutomationText) -> String {
        overrides.first { $0.kind == kind && $0.language == language }?.text ?? kind.defaultText(language)
    }

    /// A bot message of a kind, with `{client_name}` and the given placeholders filled in.
    func draft(_ kind: AutomationText, trigger: String, values: [String: String] = [:], buttons: [ReplyButton] = []) -> BotMessageDraft {
        var values = values
        values["client_name"] = values["client_name"] ?? contact.map { $0.preferredName ?? $0.displayName }
        return BotMessageDraft(
            conversationID: conversation.id,
            trigger: trigger,
            text: AutomationTemplate.render(text(kind), values: values),
            buttons: buttons
        )
    }
}
