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
        let conversations = try Row.fetchCursor(db.cachedStatement(sql: with + ReportSQL.scopeConversations), arguments: arguments)
        let messages = try Row.fetchCursor(db.cachedStatement(sql: with + ReportSQL.scopeMessages), arguments: arguments)
        let events = try Row.fetchCursor(db.cachedStatement(sql: with + ReportSQL.scopeEvents), arguments: arguments)
        var measurements = ReportMeasurements()
        var timeline = ReportTimeline(conversationID: ConversationID(0), departmentID: nil, openedAt: 0)
        var message = try messages.next().map(Self.messageEntry)
        var event = try events.next().map(Self.eventEntry)
        while let row = try conversations.next() {
            let id: Int64 = row[0]
            timeline.conversationID = ConversationID(id)
            timeline.departmentID = (row[1] as Int64?).map(DepartmentID.init)
            timeline.openedAt = row[2]
            timeline.messages.removeAll(keepingCapacity: true)
            timeline.changes.removeAll(keepingCapacity: true)
            while let current = message, current.conversation <= id {
                if current.conversation == id { timeline.messages.append((current.at, current.kind)) }
                message = try messages.next().map(Self.messageEntry)
            }
            while let current = event, current.conversation <= id {
                if current.conversation == id, let change = current.change { timeline.changes.append((current.at, change)) }
                event = try events.next().map(Self.eventEntry)
            }
            timeline.measure(in: window, into: &measurements)
        }
        return measurements
    }

    private static func messageEntry(_ row: Row) -> (conversation: Int64, at: Double, kind: ReportTimeline.MessageKind) {
        let client: Bool = row[2]
        let author: Int64? = row[3]
        let kind: ReportTimeline.MessageKind = client ? .client : author.map { .reply(OperatorID($0)) } ?? .other
        return (row[0], row[1], kind)
    }

    private static func eventEntry(_ row: Row) -> (conversation: Int64, at: Double, change: ReportTimeline.Change?) {
        let assigned: Bool = row[2]
        let change: ReportTimeline.Change?
        if assigned {
            change = .assigned((row[3] as Int64?).map(OperatorID.init))
        } else {
            change = (row[3] as String?).flatMap(ConversationStatus.init(rawValue:)).map { .status($0, reopened: (row[4] as Bool?) ?? false) }
        }
        return (row[0], row[1], change)
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
