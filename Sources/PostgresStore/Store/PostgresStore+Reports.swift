import Foundation
public import SwitchboardCore

extension PostgresStore {
    public func reportMeasurements(_ scope: ReportScope) async throws -> ReportMeasurements {
        let business = try await businessTimeline(scope)
        let window = ReportWindow(start: scope.range.calendar.start, end: scope.range.calendar.end, business: business)
        return try await read { db in try await Self.measure(db, scope, window) }
    }

    /// Walks the scope's conversations, messages and lifecycle events (all ordered by conversation)
    /// through cursors and replays one conversation at a time, so memory holds one history and a
    /// batch of rows, not the whole range. The rows carry only numbers and short texts, read by
    /// position; the timeline's buffers are reused.
    static func measure(_ db: Session, _ scope: ReportScope, _ window: ReportWindow) async throws -> ReportMeasurements {
        let (with, arguments) = ReportSQL.scope(scope)
        let conversations = try await ReportRows(db, sql: with + ReportSQL.scopeConversations, arguments: arguments)
        let messages = try await ReportRows(db, sql: with + ReportSQL.scopeMessages, arguments: arguments)
        let events = try await ReportRows(db, sql: with + ReportSQL.scopeEvents, arguments: arguments)
        var measurements = ReportMeasurements()
        var timeline = ReportTimeline(conversationID: ConversationID(0), departmentID: nil, openedAt: 0)
        var message = try await messages.next() ? try Self.messageEntry(messages) : nil
        var event = try await events.next() ? try Self.eventEntry(events) : nil
        while try await conversations.next() {
            let id = try conversations.int64(0)
            timeline.conversationID = ConversationID(id)
            timeline.departmentID = try conversations.optionalInt64(1).map(DepartmentID.init)
            timeline.openedAt = try conversations.double(2)
            timeline.messages.removeAll(keepingCapacity: true)
            timeline.changes.removeAll(keepingCapacity: true)
            while let current = message, current.conversation <= id {
                if current.conversation == id { timeline.messages.append((current.at, current.kind)) }
                message = try await messages.next() ? try Self.messageEntry(messages) : nil
            }
            while let current = event, current.conversation <= id {
                if current.conversation == id, let change = current.change { timeline.changes.append((current.at, change)) }
                event = try await events.next() ? try Self.eventEntry(events) : nil
            }
            timeline.measure(in: window, into: &measurements)
        }
        return measurements
    }

    /// Columns of `ReportSQL.scopeMessages`.
    private static func messageEntry(_ row: ReportRows) throws -> (conversation: Int64, at: Double, kind: ReportTimeline.MessageKind) {
        let kind: ReportTimeline.MessageKind =
            try row.int64(2) != 0 ? .client : try row.optionalInt64(3).map { .reply(OperatorID($0)) } ?? .other
        return (try row.int64(0), try row.double(1), kind)
    }

    /// Columns of `ReportSQL.scopeEvents`: column 3 is the payload's `to` as text, a holder's id for an
    /// assignment, a status otherwise.
    private static func eventEntry(_ row: ReportRows) throws -> (conversation: Int64, at: Double, change: ReportTimeline.Change?) {
        let change: ReportTimeline.Change?
        if try row.int64(2) != 0 {
            change = .assigned(try row.text(3).flatMap { Int64($0) }.map(OperatorID.init))
        } else {
            let reopened = try row.optionalInt64(4).map { $0 != 0 } ?? false
            change = try row.text(3).flatMap(ConversationStatus.init(rawValue:)).map { .status($0, reopened: reopened) }
        }
        return (try row.int64(0), try row.double(1), change)
    }

    /// The business-hours timeline from the range's start to after now, when the scope asks for business hours.
    private func businessTimeline(_ scope: ReportScope) async throws -> BusinessTimeline? {
        guard scope.businessHours, let hours = try await reportBusinessHours() else { return nil }
        let start = scope.range.start.addingTimeInterval(-86_400)
        let end = max(scope.range.end, scope.now).addingTimeInterval(86_400)
        return BusinessTimeline(hours: hours, from: start, to: end)
    }

    public func reportBusinessHours() async throws -> BusinessHours? {
        AutomationSettings.defaults.applying(try await automationSettingsPatch(channel: nil)).businessHours
    }

    public func reportDepartments() async throws -> [(id: DepartmentID, name: String)] {
        try await read { db in
            try await db.rows(sql: "SELECT id, name FROM departments ORDER BY name, id").map {
                (DepartmentID(try $0["id"]), try $0["name"])
            }
        }
    }
}
