/// The report's window and options for measuring timelines.
public struct ReportWindow: Sendable {
    /// Start (inclusive) and end (exclusive) of the range, seconds since 1970.
    public var start: Double
    public var end: Double
    /// When set, a reply time counts only the working seconds of this timeline.
    public var business: BusinessTimeline?

    /// Creates a window.
    public init(start: Double, end: Double, business: BusinessTimeline? = nil) {
        self.start = start
        self.end = end
        self.business = business
    }

    func contains(_ time: Double) -> Bool { time >= start && time < end }
}

extension ReportTimeline {
    /// The conversation's state while the history is replayed.
    private struct Replay {
        var status = ConversationStatus.open
        var assignee: OperatorID?
        /// Start of the current opening period; nil while resolved.
        var periodStart: Double?
        var clientStarted = true
        var answered = false
        /// The client's oldest message since the last operator reply.
        var waitingSince: Double?
        var queuedSince: Double?
        /// The operator last added to `repliedIn` for this conversation (adding them again changes nothing).
        var lastRepliedAuthor: OperatorID?
    }

    /// Replays the history and adds what it measures to `measurements`. Each figure belongs to the
    /// range in which its clock started: an opening period by its start, a reply time by the client
    /// message that began the wait, a queue wait by the moment the conversation entered the queue.
    public func measure(in window: ReportWindow, into measurements: inout ReportMeasurements) {
        var state = Replay(periodStart: openedAt, queuedSince: openedAt)
        if window.contains(openedAt) { measurements.openings.append(.init(conversationID: conversationID, departmentID: departmentID)) }
        var changeIndex = 0
        var messageIndex = 0
        // Merge by time; a change goes before a message of the same moment (a client message's reopen is
        // committed before the message itself).
        while changeIndex < changes.count || messageIndex < messages.count {
            if changeIndex < changes.count, messageIndex == messages.count || changes[changeIndex].at <= messages[messageIndex].at {
                apply(changes[changeIndex], to: &state, in: window, into: &measurements)
                changeIndex += 1
            } else {
                apply(messages[messageIndex], to: &state, in: window, into: &measurements)
                messageIndex += 1
            }
        }
        if let start = state.periodStart { closePeriod(state, start: start, in: window, into: &measurements) }
        if let since = state.queuedSince { measurements.queueStays.append(.init(start: since, end: nil)) }
    }

    private func apply(
        _ entry: (at: Double, change: Change),
        to state: inout Replay,
        in window: ReportWindow,
        into measurements: inout ReportMeasurements
    ) {
        switch entry.change {
        case .status(let status, let reopened):
            if status == .resolved, let start = state.periodStart {
                if window.contains(start) {
                    measurements.samples.append(sample(.lifetime, entry.at - start, state.assignee))
                }
                closePeriod(state, start: start, in: window, into: &measurements)
                state.periodStart = nil
                state.waitingSince = nil
            }
            if reopened || (status != .resolved && state.periodStart == nil) {
                state.periodStart = entry.at
                state.answered = false
                // Known to be the client's only when their message of this same moment follows.
                state.clientStarted = false
                if window.contains(entry.at) {
                    measurements.openings.append(.init(conversationID: conversationID, departmentID: departmentID))
                }
            }
            state.status = status
        case .assigned(let assignee):
            if let assignee, let since = state.queuedSince, window.contains(since) {
                measurements.samples.append(sample(.queueWait, entry.at - since, assignee))
            }
            state.assignee = assignee
        }
        updateQueue(&state, at: entry.at, into: &measurements)
    }

    private func apply(
        _ message: (at: Double, kind: MessageKind),
        to state: inout Replay,
        in window: ReportWindow,
        into measurements: inout ReportMeasurements
    ) {
        switch message.kind {
        case .client:
            if message.at == state.periodStart { state.clientStarted = true }
            if state.waitingSince == nil { state.waitingSince = message.at }
        case .reply(let author):
            if window.contains(message.at), state.lastRepliedAuthor != author {
                measurements.repliedIn[author, default: []].insert(conversationID)
                state.lastRepliedAuthor = author
            }
            if let start = state.periodStart, state.clientStarted, !state.answered, window.contains(start) {
                measurements.samples.append(sample(.firstResponse, message.at - start, author))
            }
            state.answered = true
            if let since = state.waitingSince, window.contains(since) {
                let value = window.business?.seconds(from: since, to: message.at) ?? message.at - since
                measurements.samples.append(sample(.replyTime, value, author))
            }
            state.waitingSince = nil
        case .other:
            break
        }
    }

    private func closePeriod(_ state: Replay, start: Double, in window: ReportWindow, into measurements: inout ReportMeasurements) {
        guard state.clientStarted, !state.answered, window.contains(start) else { return }
        measurements.unanswered.append(.init(operatorID: state.assignee, departmentID: departmentID, conversationID: conversationID))
    }

    private func updateQueue(_ state: inout Replay, at time: Double, into measurements: inout ReportMeasurements) {
        let queued = state.status == .open && state.assignee == nil
        if queued, state.queuedSince == nil {
            state.queuedSince = time
        } else if !queued, let since = state.queuedSince {
            if time > since { measurements.queueStays.append(.init(start: since, end: time)) }
            state.queuedSince = nil
        }
    }

    private func sample(_ figure: ReportFigure, _ value: Double, _ owner: OperatorID?) -> ReportSample {
        ReportSample(figure: figure, value: value, operatorID: owner, departmentID: departmentID, conversationID: conversationID)
    }
}
