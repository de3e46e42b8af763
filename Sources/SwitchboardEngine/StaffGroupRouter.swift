public import Logging
public import SwitchboardCore

/// Topic mode's inbound side: what a member's message in the staff group does, committed before the
/// adapter acknowledges the update.
///
/// Commands that change a conversation (take, resolve, transfer, and the take before answering an
/// unassigned conversation) go through the inbox's own store operations first; they are safe to
/// repeat. Then one transaction marks the update handled with the answer or note it stores and the
/// notices it queues, so a redelivered update never stores or sends anything twice.
public struct StaffGroupRouter: StaffSink {
    let store: any StaffStore & InboxStore
    let bus: any EventBus
    let clock: any WallClock
    let wakeOutbox: @Sendable () -> Void
    let wakeTopics: @Sendable () -> Void
    let logger: Logger

    /// Creates the router.
    /// - Parameters:
    ///   - wakeOutbox: called after an answer was queued for the client.
    ///   - wakeTopics: called after a notice was queued for the staff group.
    public init(
        store: any StaffStore & InboxStore,
        bus: any EventBus,
        clock: any WallClock,
        logger: Logger,
        wakeOutbox: @escaping @Sendable () -> Void = {},
        wakeTopics: @escaping @Sendable () -> Void = {}
    ) {
        self.store = store
        self.bus = bus
        self.clock = clock
        self.logger = logger
        self.wakeOutbox = wakeOutbox
        self.wakeTopics = wakeTopics
    }

    public func ingestStaff(_ update: StaffUpdate) async throws {
        var code: String?
        if case .link(let text) = StaffCommand.parse(update.text, botUsername: update.botUsername) { code = text }
        let now = clock.now()
        let snapshot = try await store.staffSnapshot(update, linkCode: code, at: now)
        guard !snapshot.alreadyHandled else { return }
        let effects = StaffPlan.effects(update, snapshot: snapshot, now: now)
        for effect in effects {
            switch effect {
            case .assign(let conversation, let assignee, let actor):
                await bus.publish(try await store.assign(conversation, to: assignee, by: actor, note: nil, at: now))
            case .transition(let conversation, let trigger, _):
                do {
                    await bus.publish(try await store.transition(conversation, trigger, at: now))
                } catch let error as StoreError {
                    // Not allowed now (already resolved): nothing changes, nothing to repeat.
                    logger.info("staff command changed nothing", metadata: ["conversation": "\(conversation)", "error": "\(error)"])
                }
            case .ban(let conversation, let reason, let actor):
                guard let contact = try await store.conversation(conversation)?.contactID else { continue }
                await bus.publish(try await store.setBan(contact, reason: reason, by: actor, at: now).1)
            case .reply, .note, .link, .notice:
                continue
            }
        }
        await bus.publish(try await store.applyStaff(update, effects: effects, at: now))
        if effects.contains(where: { if case .reply = $0 { true } else { false } }) { wakeOutbox() }
        wakeTopics()
    }
}
