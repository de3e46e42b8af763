import Foundation
import Logging
import SwitchboardCore

extension AutomationService {
    /// A new conversation: "an operator is on the way" (with the queue position when it waits),
    /// or, out of business hours, when operators will be back. Either way the conversation queues.
    func conversationOpened(_ conversationID: ConversationID, at openedAt: Date) async throws {
        guard let context = try await AutomationContext.load(conversationID, store: store) else { return }
        let settings = context.settings
        var draft: BotMessageDraft?
        if let hours = settings.businessHours, !hours.isOpen(at: openedAt) {
            let backAt = hours.nextOpening(after: openedAt).map { hours.describe($0, in: context.language) } ?? ""
            draft = context.draft(.outOfHours, trigger: "out_of_hours", values: ["back_at": backAt])
        } else if settings.welcomeEnabled, try await store.escalatedAt(conversationID) != nil {
            // The first message asked for a human: one message says so, not a welcome and then a notice.
            draft = context.draft(.escalated, trigger: "escalated")
        } else if settings.welcomeEnabled {
            if let position = try await store.queuePosition(of: conversationID) {
                draft = context.draft(.welcomeQueued, trigger: "welcome", values: ["queue_position": String(position)])
            } else {
                draft = context.draft(.welcome, trigger: "welcome")
            }
        }
        // A channel that lets the client pick a team asks in the same message, with one button per team.
        let choices = try await store.departmentChoices(conversationID)
        if !choices.isEmpty {
            let question = context.draft(.chooseDepartment, trigger: "choose_department")
            var asking = draft ?? question
            if draft != nil { asking.text += "\n" + question.text }
            asking.buttons = choices.map { ReplyButton(label: $0.name, action: DepartmentChoice.action(for: $0.id)) }
            draft = asking
        }
        if let draft { try await send(draft) }
        try await scheduleAutoClose(conversationID, idleFrom: context.conversation.lastMessageAt)
    }

    /// The client asked for a human: told once per conversation that one is coming. Out of business
    /// hours the out-of-hours reply has already said when operators are back, so nothing is promised.
    func escalated(_ conversationID: ConversationID, at escalatedAt: Date) async throws {
        guard let context = try await AutomationContext.load(conversationID, store: store), context.settings.welcomeEnabled,
            context.conversation.status != .resolved
        else { return }
        if let hours = context.settings.businessHours, !hours.isOpen(at: escalatedAt) { return }
        try await send(context.draft(.escalated, trigger: "escalated"))
    }

    /// Flood control muted the client: one notice in their language per mute, whatever the conversation's status.
    func floodMuted(_ mute: FloodMutePayload) async throws {
        guard let context = try await AutomationContext.load(mute.conversationID, store: store) else { return }
        try await send(context.draft(.floodNotice, trigger: "flood:\(Int64(mute.mutedUntil.timeIntervalSince1970))"))
    }

    /// An operator took the conversation: a greeting with their name, once per operator, unless that
    /// operator has already written to the client (a reply that took the conversation needs no introduction).
    func greet(_ conversationID: ConversationID) async throws {
        guard let context = try await AutomationContext.load(conversationID, store: store), context.settings.operatorGreetingEnabled,
            context.conversation.status != .resolved, let assignee = context.conversation.assigneeID,
            try await !store.messages(in: conversationID).contains(where: { $0.author == .operator(assignee) && $0.direction == .outbound }),
            let name = try await store.operatorName(assignee)
        else { return }
        try await send(context.draft(.operatorGreeting, trigger: "greeting:\(assignee)", values: ["operator_name": name]))
    }

    /// Moves the conversation's auto-close timer to `idleFrom` plus the channel's idle minutes.
    func scheduleAutoClose(_ conversationID: ConversationID, idleFrom: Date) async throws {
        guard let conversation = try await store.conversation(conversationID), conversation.status != .resolved else { return }
        let settings = try await AutomationContext.settings(conversation.channelID, store: store)
        guard let minutes = settings.autoCloseMinutes else {
            try await store.cancelTimer(key: ScheduledTimer.autoClose(conversationID, dueAt: idleFrom).key)
            return
        }
        try await store.scheduleTimer(.autoClose(conversationID, dueAt: idleFrom.addingTimeInterval(TimeInterval(minutes * 60))))
        scheduler.wake()
    }

    /// A due timer.
    func fire(_ timer: ScheduledTimer) async throws {
        switch timer.kind {
        case .autoClose:
            try await autoClose(timer)
        }
    }

    /// Closes a conversation whose client has been idle for the channel's minutes, with a farewell.
    private func autoClose(_ timer: ScheduledTimer) async throws {
        guard let context = try await AutomationContext.load(timer.conversationID, store: store),
            let minutes = context.settings.autoCloseMinutes
        else { return }
        let now = clock.now()
        let farewell = context.draft(.autoCloseFarewell, trigger: "farewell:\(Int64(timer.dueAt.timeIntervalSince1970))")
        let idleSince = now.addingTimeInterval(-TimeInterval(minutes * 60))
        guard
            let events = try await store.autoClose(
                timer.conversationID,
                idleSince: idleSince,
                reopens: context.settings.reopenAfterAutoClose,
                farewell: farewell,
                at: now
            )
        else { return }
        logger.info("conversation closed after idle time", metadata: ["conversation": "\(timer.conversationID)", "minutes": "\(minutes)"])
        await bus.publish(events)
        dispatcher?.wake()
    }

    /// A resolve by an operator starts the feedback questions; any resolve stops the idle timer.
    func statusChanged(_ conversationID: ConversationID) async throws {
        guard let conversation = try await store.conversation(conversationID), conversation.status == .resolved else { return }
        try await store.cancelTimer(key: ScheduledTimer.autoClose(conversationID, dueAt: clock.now()).key)
        let settings = try await AutomationContext.settings(conversation.channelID, store: store)
        guard settings.feedbackEnabled, try await !store.wasAutoClosed(conversationID) else { return }
        let events = try await store.startFeedback(conversationID, at: clock.now())
        await bus.publish(events)
        for event in events {
            try await handle(event)
        }
    }

    /// Sends the question (or thanks) for the feedback's new stage, once per stage.
    func askFeedback(_ feedback: ConversationFeedback) async throws {
        guard let context = try await AutomationContext.load(feedback.conversationID, store: store) else { return }
        let trigger = "feedback:\(feedback.stage.rawValue)"
        switch feedback.stage {
        case .askedResolved:
            let buttons = [
                ReplyButton(label: context.text(.feedbackYes), action: FeedbackFlow.resolvedAction(true)),
                ReplyButton(label: context.text(.feedbackNo), action: FeedbackFlow.resolvedAction(false)),
            ]
            try await send(context.draft(.feedbackResolved, trigger: trigger, buttons: buttons))
        case .askedScore:
            let buttons = (1...5).map { ReplyButton(label: String($0), action: FeedbackFlow.scoreAction($0)) }
            try await send(context.draft(.feedbackScore, trigger: trigger, buttons: buttons))
        case .askedComment:
            try await send(context.draft(.feedbackComment, trigger: trigger))
        case .done:
            try await send(context.draft(.feedbackThanks, trigger: trigger))
        case .skipped:
            return
        }
    }
}
