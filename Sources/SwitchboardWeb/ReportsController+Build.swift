import Foundation
import SwitchboardCore

extension ReportsController {
    /// Each operator's presence schedule, the conversations they replied in and the figures attributed to them.
    func staff(_ scope: ReportScope) async throws -> ReportPayloads.Staff {
        async let people = store.reportOperators(scope)
        let measurements = try await store.reportMeasurements(scope)
        let figures = measurements.figuresByOperator()
        let empty = measurements.figures { _, _ in false }
        let calendar = scope.range.calendar
        let operators = try await people.map { person in
            let schedule = PresenceSchedule(
                before: person.statusBefore,
                changes: person.changes.map { ($0.at, $0.status) },
                calendar: calendar,
                now: scope.now.timeIntervalSince1970
            )
            return ReportPayloads.StaffOperator(
                person,
                schedule: schedule,
                conversations: measurements.repliedIn[person.id]?.count ?? 0,
                figures: figures[person.id] ?? empty,
                calendar: calendar
            )
        }
        return ReportPayloads.Staff(from: scope.range.from, to: scope.range.to, tz: scope.range.timeZoneName, operators: operators)
    }

    /// Every department (and "No department") side by side; with a department filter, only that one.
    func departments(_ scope: ReportScope) async throws -> ReportPayloads.Departments {
        async let named = store.reportDepartments()
        async let feedbackRows = store.reportFeedback(scope)
        let measurements = try await store.reportMeasurements(scope)
        let byOperator = Self.operatorFilter(scope)
        var rows: [(id: DepartmentID?, name: String)] = try await named.map { ($0.id, $0.name) }
        rows.append((nil, "No department"))
        if let wanted = scope.departmentID { rows = rows.filter { $0.id == wanted } }
        let feedback = try await feedbackRows
        // One pass each over the range's samples and openings, not one per department.
        let figures = measurements.figuresByDepartment(where: byOperator)
        let opened = measurements.openedConversationsByDepartment()
        let empty = ReportMeasurements().figures()
        let departments = rows.map { row in
            ReportPayloads.Department(
                id: row.id?.rawValue,
                name: row.name,
                conversations: opened[row.id] ?? 0,
                figures: figures[row.id] ?? empty,
                feedback: ReportFeedback(feedback.filter { $0.departmentID == row.id })
            )
        }
        return ReportPayloads.Departments(from: scope.range.from, to: scope.range.to, tz: scope.range.timeZoneName, departments: departments)
    }

    /// The feedback of the whole filter, and the scores of 1 and 2 with their comments.
    func feedback(_ scope: ReportScope) async throws -> ReportPayloads.Feedback {
        let rows = try await store.reportFeedback(scope)
        let lowScores = rows.filter { ($0.score ?? 3) <= 2 }.map { row in
            ReportPayloads.LowScore(
                conversationId: row.conversationID.rawValue,
                score: row.score ?? 0,
                comment: row.comment,
                at: scope.range.calendar.iso(row.updatedAt),
                operatorId: row.operatorID?.rawValue,
                operatorName: row.operatorName,
                contactName: row.contactName
            )
        }
        return ReportPayloads.Feedback(
            from: scope.range.from,
            to: scope.range.to,
            tz: scope.range.timeZoneName,
            feedback: ReportFeedback(rows),
            lowScores: lowScores
        )
    }
}
