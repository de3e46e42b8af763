import Foundation
import Hummingbird
import SwitchboardCore

/// The common query parameters of `/api/v1/reports/*`, read and checked.
struct ReportQuery {
    /// JSON or CSV.
    enum Format {
        case json
        case csv
    }

    let scope: ReportScope
    let format: Format
    /// The CSV table asked for (nil: the report's first table).
    let table: String?

    /// Reads `from`, `to`, `tz`, `channel`, `department`, `operator`, `businessHours`, `format` and `table`.
    /// - Throws: 400 `invalid_range`, `invalid_timezone`, `invalid_filter` or `invalid_format`.
    init(_ request: Request, now: Date) throws {
        let query = request.uri.queryParameters
        let range = try Self.range(from: query["from"].map(String.init), to: query["to"].map(String.init), tz: query["tz"].map(String.init), now: now)
        let businessHours: Bool
        switch query["businessHours"].map(String.init) {
        case nil, "false": businessHours = false
        case "true": businessHours = true
        case let other?: throw APIError(.badRequest, code: "invalid_filter", message: "businessHours must be true or false, got '\(other)'.")
        }
        scope = ReportScope(
            range: range,
            channelID: try Self.id(query["channel"].map(String.init), named: "channel").map(ChannelID.init),
            departmentID: try Self.id(query["department"].map(String.init), named: "department").map(DepartmentID.init),
            operatorID: try Self.id(query["operator"].map(String.init), named: "operator").map(OperatorID.init),
            businessHours: businessHours,
            now: now
        )
        switch query["format"].map(String.init) {
        case nil, "json": format = .json
        case "csv": format = .csv
        case let other?: throw APIError(.badRequest, code: "invalid_format", message: "format must be json or csv, got '\(other)'.")
        }
        table = query["table"].map(String.init)
    }

    /// A report range from query or body values.
    /// - Throws: 400 `invalid_range` or `invalid_timezone`.
    static func range(from: String?, to: String?, tz: String?, now: Date) throws -> ReportRange {
        do throws(ReportRangeError) {
            return try ReportRange(from: from, to: to, timeZone: tz, now: now)
        } catch {
            switch error {
            case .invalidRange(let message): throw APIError(.badRequest, code: "invalid_range", message: message)
            case .invalidTimeZone(let message): throw APIError(.badRequest, code: "invalid_timezone", message: message)
            }
        }
    }

    private static func id(_ raw: String?, named name: String) throws -> Int64? {
        guard let raw else { return nil }
        guard let value = Int64(raw) else {
            throw APIError(.badRequest, code: "invalid_filter", message: "\(name) must be an integer id, got '\(raw)'.")
        }
        return value
    }

    /// The table to export, checked against the report's tables (the first is the default).
    func csvTable(of tables: [String]) throws -> String {
        guard let table else { return tables[0] }
        guard tables.contains(table) else {
            throw APIError(.badRequest, code: "invalid_table", message: "table must be one of \(tables.joined(separator: ", ")).")
        }
        return table
    }
}
