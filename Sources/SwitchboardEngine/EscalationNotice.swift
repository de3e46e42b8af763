public import Foundation
public import Logging
public import ServiceLifecycle
public import SwitchboardCore

/// Tells a client who asked for a human that one is on the way: one short automatic message
/// per escalation, in the client's language (Ukrainian, Russian, else English), sent through the
/// outbox like any reply. Kept apart so the automation module can replace it with its own texts.
public struct EscalationNotice: Service {
    /// The texts by language code; English is the fallback.
    public static let texts: [String: String] = [
        "en": "Got it, connecting you with a person now.",
        "ru": "Понял вас, подключаю оператора.",
        "uk": "Зрозуміло, з'єдную вас з оператором.",
    ]

    let store: any LinkStore
    let bus: InProcessEventBus
    let clock: any WallClock
    let dispatcher: OutboxDispatcher?
    let logger: Logger

    /// Creates the service.
    public init(store: any LinkStore, bus: InProcessEventBus, clock: any WallClock, dispatcher: OutboxDispatcher?, logger: Logger) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.dispatcher = dispatcher
        self.logger = logger
    }

    /// The text for a client language such as "uk", "ru-RU" or nil.
    public static func text(forLanguage language: String?) -> String {
        let code = language?.lowercased().prefix(2).description ?? "en"
        return texts[code] ?? texts["en"]!
    }

    private struct Escalated: Decodable {
        let conversationID: ConversationID
        let language: String?
    }

    /// Answers escalations committed while it runs, until graceful shutdown.
    public func run() async throws {
        let subscription = try await bus.subscribe(after: nil)
        do {
            try await cancelWhenGracefulShutdown {
                for try await event in subscription where event.kind == .conversationEscalated {
                    await answer(event)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown ended the subscription.
        }
        await subscription.cancel()
    }

    /// Sends the "a person is coming" message for one escalation event.
    public func answer(_ event: Event) async {
        do {
            let escalated = try JSONDecoder().decode(Escalated.self, from: Data(event.payload.utf8))
            let stored = try await store.enqueueBotMessage(
                in: escalated.conversationID,
                text: Self.text(forLanguage: escalated.language),
                requestPhone: false,
                at: clock.now()
            )
            await bus.publish(stored.events)
            dispatcher?.wake()
        } catch {
            logger.error("could not answer an escalation", metadata: ["event": "\(event.seq)", "error": "\(error)"])
        }
    }
}
