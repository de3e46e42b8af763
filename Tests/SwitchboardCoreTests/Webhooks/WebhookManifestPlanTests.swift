import Foundation
import SwitchboardCore
import Testing

@Suite struct WebhookManifestPlanTests {
    static let stored = OutgoingWebhook(
        id: OutgoingWebhookID(7),
        url: "https://crm.example/hooks",
        eventTypes: [.conversationResolved, .messageIn],
        description: "crm",
        enabled: true,
        startSeq: 0,
        createdAt: Date(timeIntervalSince1970: 1_800_000_000)
    )
    static let entry = WebhookManifestEntry(
        name: "crm",
        url: "https://crm.example/hooks",
        eventTypes: [.conversationResolved, .messageIn],
        secret: "whsec_a"
    )

    @Test func anEntryWithoutAStoredEndpointIsCreated() {
        #expect(WebhookManifestPlan.plan(Self.entry, stored: nil, storedSecret: nil) == .create)
    }

    @Test func anEntryMatchingTheStoredEndpointChangesNothing() {
        #expect(WebhookManifestPlan.plan(Self.entry, stored: Self.stored, storedSecret: "whsec_a") == .unchanged(Self.stored.id))
    }

    @Test func aNewURLIsTheOnlyFieldEditedAndAudited() {
        var entry = Self.entry
        entry.url = "https://crm.example/v2/hooks"

        let plan = WebhookManifestPlan.plan(entry, stored: Self.stored, storedSecret: "whsec_a")

        let changes = ["url": AuditChange(from: .string("https://crm.example/hooks"), to: .string("https://crm.example/v2/hooks"))]
        #expect(plan == .update(Self.stored.id, edit: OutgoingWebhookEdit(url: entry.url), replacesSecret: false, changes: changes))
    }

    @Test func aDifferentOrUnreadableSecretIsReplacedAndAuditedWithoutItsValue() {
        let expected = WebhookManifestPlan.update(Self.stored.id, edit: OutgoingWebhookEdit(), replacesSecret: true, changes: ["secret": .secret])
        #expect(WebhookManifestPlan.plan(Self.entry, stored: Self.stored, storedSecret: "whsec_old") == expected)
        #expect(WebhookManifestPlan.plan(Self.entry, stored: Self.stored, storedSecret: nil) == expected)
    }

    @Test func eventTypesAndAnExplicitEnabledAreCompared() {
        var entry = Self.entry
        entry.eventTypes = [.messageIn]
        entry.enabled = false

        let plan = WebhookManifestPlan.plan(entry, stored: Self.stored, storedSecret: "whsec_a")

        guard case .update(_, let edit, false, let changes) = plan else {
            Issue.record("expected an update, got \(plan)")
            return
        }
        #expect(edit == OutgoingWebhookEdit(eventTypes: [.messageIn], enabled: false))
        #expect(Set(changes.keys) == ["eventTypes", "enabled"])
    }

    @Test func anUnsaidEnabledLeavesADisabledEndpointOff() {
        var disabled = Self.stored
        disabled.enabled = false
        disabled.disabledReason = "delivery of event 4 failed"
        #expect(WebhookManifestPlan.plan(Self.entry, stored: disabled, storedSecret: "whsec_a") == .unchanged(disabled.id))

        var entry = Self.entry
        entry.enabled = true
        guard case .update(_, let edit, _, _) = WebhookManifestPlan.plan(entry, stored: disabled, storedSecret: "whsec_a") else {
            Issue.record("an explicit enabled: true turns it back on")
            return
        }
        #expect(edit.enabled == true)
    }

    @Test func theEntryNeverPrintsItsSecret() {
        #expect(!"\(Self.entry)".contains("whsec_a"))
    }
}
