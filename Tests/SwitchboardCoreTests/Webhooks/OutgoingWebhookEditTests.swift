import Foundation
import SwitchboardCore
import Testing

@Suite struct OutgoingWebhookEditTests {
    static let disabled = OutgoingWebhook(
        id: OutgoingWebhookID(1),
        url: "https://hooks.example/in",
        eventTypes: [.messageIn],
        description: "CRM",
        enabled: false,
        disabledReason: "delivery of event 4 failed",
        startSeq: 0,
        createdAt: Date(timeIntervalSince1970: 1_800_000_000)
    )

    @Test func anEditChangesOnlyItsFieldsAndTurningOnClearsTheReason() {
        let edited = OutgoingWebhookEdit(eventTypes: [.messageIn, .messageOut], enabled: true).applied(to: Self.disabled)
        #expect(edited.url == Self.disabled.url && edited.description == "CRM")
        #expect(edited.eventTypes == [.messageIn, .messageOut] && edited.enabled && edited.disabledReason == nil)
        let changes = OutgoingWebhookEdit.changes(from: Self.disabled, to: edited)
        #expect(Set(changes.keys) == ["eventTypes", "enabled"])
        #expect(changes["eventTypes"] == AuditChange(from: "message.in", to: "message.in,message.out"))
        #expect(OutgoingWebhookEdit().applied(to: Self.disabled) == Self.disabled)
    }

    @Test func onlyTurningADisabledEndpointBackOnRestartsItsWaitingDeliveries() {
        let on = OutgoingWebhookEdit(enabled: true).applied(to: Self.disabled)
        let off = OutgoingWebhookEdit(enabled: false).applied(to: on)
        #expect(OutgoingWebhookEdit.restartsWaitingDeliveries(from: Self.disabled, to: on))
        #expect(!OutgoingWebhookEdit.restartsWaitingDeliveries(from: on, to: on))
        #expect(!OutgoingWebhookEdit.restartsWaitingDeliveries(from: on, to: off))
        #expect(!OutgoingWebhookEdit.restartsWaitingDeliveries(from: Self.disabled, to: Self.disabled))
    }
}
