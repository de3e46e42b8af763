public import Foundation
import GRDB
public import SwitchboardCore

extension SQLiteStore: ReportStore {
    public func reportMeasurements(_ scope: ReportScope) async throws -> ReportMeasurements {
        let business = try await businessTimeline(scope)
        let window = ReportWindow(start: scope.range.calendar.start, end: scope.range.calendar.end, business: business)
        return try await pool.read { db in try Self.measure(db, scope, window, messages: true) }
    }

    public func reportQueueStays(_ scope: ReportScope) async throws -> ReportMeasurements {
        let window = ReportWindow(start: scope.range.calendar.start, end: scope.range.calendar.end)
        return try await pool.read { db in try Self.measure(db, scope, window, messages: false) }
    }

    /// Streams the scope's conversations, messages and lifecycle events (all ordered by conversation)
    /// and replays one conversation at a time, so memory holds one history, not the whole range.
    /// `CROSS JOIN` keeps SQLite walking the scope first (by id) and each conversation's rows through
    /// `messages_conversation` and `events_lifecycle`, instead of scanning every lifecycle event of the
    /// history and sorting them (its choice on a short range over a long history).
    static func measure(_ db: Database, _ scope: ReportScope, _ window: ReportWindow, messages withMessages: Bool) throws -> ReportMeasurements {
        let (with, arguments) = ReportSQL.scope(scope)
        let conversations = try Row.fetchCursor(db, sql: with + " SELECT id, department_id, opened_at FROM scope ORDER BY id", arguments: arguments)
        let messages = try Row.fetchCursor(
            db,
            sql: with + """
                 SELECT m.conversation_id, m.created_at, m.direction = 'in', m.author_operator_id
                FROM scope CROSS JOIN messages m ON m.conversation_id = scope.id
                WHERE (m.direction = 'in' OR (m.direction = 'out' AND m.author_kind = 'operator')) AND ?
                ORDER BY scope.id, m.id
                """,
            arguments: arguments + [withMessages]
        )
        let events = try Row.fetchCursor(
            db,
            sql: with + """
                 SELECT e.conversation_id, e.occurred_at, e.kind = 'conversation.assigned',
                       CASE WHEN e.kind = 'conversation.assigned' THEN json_extract(e.payload, '$.to')
                            ELSE CASE json_extract(e.payload, '$.to') WHEN 'open' THEN 0 WHEN 'pending' THEN 1 WHEN 'resolved' THEN 2 END
                       END,
                       json_extract(e.payload, '$.reopened')
                FROM scope CROSS JOIN events e ON e.conversation_id = scope.id AND e.\(ReportSQL.lifecycleKinds)
                ORDER BY scope.id, e.seq
                """,
            arguments: arguments
        )
        var measurements = ReportMeasurements()
        var message = try messages.next().map(Self.messageEntry)
        var event = try events.next().map(Self.eventEntry)
        while let row = try conversations.next() {
            let id: Int64 = row[0]
            var timeline = ReportTimeline(
                conversationID: ConversationID(id),
                departmentID: (row[1] as Int64?).map(DepartmentID.init),
                openedAt: row[2]
            )
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

    /// Columns are numbers, not text: decoding a million strings would dominate a year's report.
    private static func messageEntry(_ row: Row) -> (conversation: Int64, at: Double, kind: ReportTimeline.MessageKind) {
        let inbound: Bool = row[2]
        let author: Int64? = row[3]
        let kind: ReportTimeline.MessageKind = inbound ? .client : author.map { .reply(OperatorID($0)) } ?? .other
        return (row[0], row[1], kind)
    }

    private static func eventEntry(_ row: Row) -> (conversation: Int64, at: Double, change: ReportTimeline.Change?) {
        let assigned: Bool = row[2]
        let change: ReportTimeline.Change?
        if assigned {
            change = .assigned((row[3] as Int64?).map(OperatorID.init))
        } else {
            let statuses: [ConversationStatus] = [.open, .pending, .resolved]
            change = (row[3] as Int?).map { .status(statuses[$0], reopened: (row[4] as Bool?) ?? false) }
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
