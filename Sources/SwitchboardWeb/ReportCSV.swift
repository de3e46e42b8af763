import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import SwitchboardCore

/// The CSV tables of the reports: the same numbers as their JSON, one table per download.
enum ReportCSV {
    /// A `text/csv` download named `<report>-<from>-<to>.csv`.
    static func response(_ table: CSVTable, report: String, range: ReportRange) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(report)-\(range.from)-\(range.to).csv\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: table.text)))
    }

    static func figures(_ figures: ReportFigures) -> CSVTable {
        CSVTable(
            header: ["figure", "count", "min", "avg", "median", "p90", "max"],
            rows: ReportFigure.allCases.map { figure in
                let stat = figures.stat(figure)
                return [
                    .text(figure.rawValue), .integer(stat.count), .optional(stat.min), .optional(stat.avg), .optional(stat.median),
                    .optional(stat.p90), .optional(stat.max),
                ]
            }
        )
    }

    static func load(_ load: ReportPayloads.Load, table: String) -> CSVTable {
        switch table {
        case "heatmap":
            CSVTable(
                header: ["weekday", "hour", "opened", "messagesIn", "messagesOut"],
                rows: load.heatmap.map {
                    [.integer($0.weekday), .integer($0.hour), .integer($0.opened), .integer($0.messagesIn), .integer($0.messagesOut)]
                }
            )
        case "queue":
            CSVTable(header: ["at", "length"], rows: load.queue.map { [.text($0.at), .integer($0.length)] })
        default:
            CSVTable(
                header: ["date", "opened", "messagesIn", "messagesOut"],
                rows: load.days.map { [.text($0.date), .integer($0.opened), .integer($0.messagesIn), .integer($0.messagesOut)] }
            )
        }
    }

    /// Average and median of each figure, the columns the operators and departments tables share.
    private static let figureColumns = ReportFigure.allCases.flatMap { [$0.rawValue + "Avg", $0.rawValue + "Median"] }

    private static func figureCells(_ figures: ReportFigures) -> [CSVTable.Cell] {
        ReportFigure.allCases.flatMap { [CSVTable.Cell.optional(figures.stat($0).avg), .optional(figures.stat($0).median)] }
    }

    static func staff(_ staff: ReportPayloads.Staff, table: String) -> CSVTable {
        if table == "days" {
            return CSVTable(
                header: ["operatorId", "name", "date", "onlineSeconds", "awaySeconds"],
                rows: staff.operators.flatMap { person in
                    person.days.map {
                        [.integer(Int(person.id)), .text(person.displayName), .text($0.date), .number($0.onlineSeconds), .number($0.awaySeconds)]
                    }
                }
            )
        }
        return CSVTable(
            header: ["id", "name", "onlineSeconds", "awaySeconds", "conversations", "unanswered"] + figureColumns,
            rows: staff.operators.map { person in
                [
                    .integer(Int(person.id)), .text(person.displayName), .number(person.onlineSeconds), .number(person.awaySeconds),
                    .integer(person.conversations), .integer(person.figures.unanswered),
                ] + figureCells(person.figures)
            }
        )
    }

    static func departments(_ report: ReportPayloads.Departments) -> CSVTable {
        CSVTable(
            header: ["id", "name", "conversations", "unanswered"] + figureColumns
                + ["feedbackAsked", "feedbackAnswered", "resolvedShare", "stars1", "stars2", "stars3", "stars4", "stars5", "averageScore"],
            rows: report.departments.map { row in
                var cells: [CSVTable.Cell] = [
                    row.id.map { .integer(Int($0)) } ?? .empty, .text(row.name), .integer(row.conversations),
                    .integer(row.figures.unanswered),
                ]
                cells += figureCells(row.figures)
                cells += [.integer(row.feedback.asked), .integer(row.feedback.answered), .optional(row.feedback.resolvedShare)]
                cells += row.feedback.stars.map { .integer($0) }
                cells.append(.optional(row.feedback.average))
                return cells
            }
        )
    }

    static func lowScores(_ rows: [ReportPayloads.LowScore]) -> CSVTable {
        CSVTable(
            header: ["conversationId", "score", "comment", "at", "operatorId", "operatorName", "contactName"],
            rows: rows.map { row in
                [
                    .integer(Int(row.conversationId)), .integer(row.score), .optionalText(row.comment), .text(row.at),
                    row.operatorId.map { .integer(Int($0)) } ?? .empty, .optionalText(row.operatorName), .text(row.contactName),
                ]
            }
        )
    }
}
