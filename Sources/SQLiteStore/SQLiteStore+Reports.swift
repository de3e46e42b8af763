public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: ReportStore {
    public func reportMeasurements(_ scope: ReportScope) async throws -> ReportMeasurements {
        let business = try await businessTimeline(scope)
        let window = ReportWindow(start: scope.range.calendar.start, end: scope.range.calendar.end, business: business)
        return try await pool.read { db in try Self.measure(db, scope, window) }
    }

    /// Streams the scope's conversations, messages and lifecycle events (all ordered by conversation)
    /// and replays one conversation at a time, so memory holds one history, not the whole range. The
    /// rows carry only numbers and short texts, read by position; the timeline's buffers are reused.
    static func measure(_ db: Database, _ scope: ReportScope, _ window: ReportWindow) throws -> ReportMeasurements {
        let (with, arguments) = ReportSQL.scope(scope)
        let conversations = try ReportRows(db, sql: with + ReportSQL.scopeConversations, arguments: arguments)
        let messages = try ReportRows(db, sql: with + ReportSQL.scopeMessages, arguments: arguments)
        let events = try ReportRows(db, sql: with + ReportSQL.scopeEvents, arguments: arguments)
        var measurements = ReportMeasurements()
        var timeline = ReportTimeline(conversationID: ConversationID(0), departmentID: nil, openedAt: 0)
        var message = try messages.next() ? Self.messageEntry(messages) : nil
        var event = try events.next() ? Self.eventEntry(events) : nil
        while try conversations.next() {
            let id = conversations.int64(0)
            timeline.conversationID = ConversationID(id)
            timeline.departmentID = conversations.optionalInt64(1).map(DepartmentID.init)
            timeline.openedAt = conversations.double(2)
            timeline.messages.removeAll(keepingCapacity: true)
            timeline.changes.removeAll(keepingCapacity: true)
            while let current = message, current.conversation <= id {
                if current.conversation == id { timeline.messages.append((current.at, current.kind)) }
                message = try messages.next() ? Self.messageEntry(messages) : nil
            }
            while let current = event, current.conversation <= id {
                if current.conversation == id, let change = current.change { timeline.changes.append((current.at, change)) }
                event = try events.next() ? Self.eventEntry(events) : nil
            }
            timeline.measure(in: window, into: &measurements)
        }
        return measurements
    }

    /// Columns of `ReportSQL.scopeMessages`.
    private static func messageEntry(_ row: ReportRows) -> (conversation: Int64, at: Double, kind: ReportTimeline.MessageKind) {
        let kind: ReportTimeline.MessageKind = row.int64(2) != 0 ? .client : row.optionalInt64(3).map { .reply(OperatorID($0)) } ?? .other
        return (row.int64(0), row.double(1), kind)
    }

    /// Columns of `ReportSQL.scopeEvents`.
    private static func eventEntry(_ row: ReportRows) -> (conversation: Int64, at: Double, change: ReportTimeline.Change?) {
        let change: ReportTimeline.Change?
        if row.int64(2) != 0 {
            change = .assigned(row.optionalInt64(3).map(OperatorID.init))
        } else {
            let reopened = row.optionalInt64(4).map { $0 != 0 } ?? false
            change = row.text(3).flatMap(ConversationStatus.init(rawValue:)).map { .status($0, reopened: reopened) }
        }
        return (row.int64(0), row.double(1), change)
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
        try await pool.read { db in
            try db.cachedRows(sql: "SELECT id, name FROM departments ORDER BY name, id").map { (DepartmentID($0["id"]), $0["name"]) }
        }
    }
}
