public import Foundation

/// Decides which endpoints get which events: an enabled endpoint gets each event of a type it
/// subscribed to that happened after it was registered.
public enum WebhookFanOut {
    /// The deliveries to queue for a page of the event log, in `seq` order.
    /// - Parameters:
    ///   - events: events read from the log after the fan-out's cursor.
    ///   - webhooks: every registered endpoint.
    ///   - now: the time the deliveries are queued.
    public static func plan(events: [Event], webhooks: [OutgoingWebhook], now: Date) -> [WebhookDeliveryDraft] {
        let listening = webhooks.filter(\.enabled)
        guard !listening.isEmpty else { return [] }
        var drafts: [WebhookDeliveryDraft] = []
        for event in events {
            guard let body = WebhookEventMapping.body(for: event) else { continue }
            let json = body.json()
            for webhook in listening where event.seq > webhook.startSeq && webhook.eventTypes.contains(body.type) {
                drafts.append(WebhookDeliveryDraft(webhookID: webhook.id, seq: event.seq, type: body.type, body: json, queuedAt: now))
            }
        }
        return drafts
    }
}
