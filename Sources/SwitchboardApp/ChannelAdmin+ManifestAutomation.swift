import Foundation
import Manifests
import SwitchboardCore

extension ChannelAdmin {
    /// Stores a manifest's automation overrides for its channel, each change audited.
    /// Settings and texts the manifest leaves out keep their stored values (a manifest never deletes).
    /// - Returns: what changed, for the start-up report.
    func applyAutomation(_ automation: ManifestAutomation?, to channelID: ChannelID) async throws -> [String] {
        guard let automation else { return [] }
        var changed: [String] = []
        let target = "automation (channel \(channelID))"
        let stored = try await automationStore.automationSettingsPatch(channel: channelID) ?? AutomationSettingsPatch()
        let merged = stored.merging(automation.settings)
        if merged != stored {
            try await automationStore.saveAutomationSettingsPatch(merged, channel: channelID, at: Date())
            try await auditLog.recordAudit(
                AuditEntry(at: Date(), actor: actor, action: "automation.updated", target: target, changes: AuditChanges.between(stored, merged))
            )
            changed.append("automation settings")
        }
        let overrides = try await automationStore.automationTextOverrides(channel: channelID)
        for text in automation.texts {
            let current = overrides.first { $0.kind == text.kind && $0.language == text.language }?.text
            guard current != text.text else { continue }
            try await automationStore.saveAutomationText(text.text, kind: text.kind, language: text.language, channel: channelID)
            let change = AuditChange(from: current.map(JSONValue.string) ?? .null, to: .string(text.text))
            try await auditLog.recordAudit(
                AuditEntry(
                    at: Date(),
                    actor: actor,
                    action: "automation.text_changed",
                    target: "\(target) text \(text.kind.rawValue)/\(text.language.rawValue)",
                    changes: ["text": change]
                )
            )
            changed.append("text \(text.kind.rawValue)/\(text.language.rawValue)")
        }
        return changed
    }
}
