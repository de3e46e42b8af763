import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
public import SwitchboardCore

/// `GET /api/v1/exports/conversations`: conversations with their messages as CSV or JSON lines,
/// streamed a page at a time so an export of a year never sits whole in memory.
public struct ExportController: Sendable {
    let store: any InboxStore
    let clock: any WallClock

    /// Conversations fetched per page (each with its messages of the range).
    static let pageSize = 100

    /// Creates the controller.
    public init(store: any InboxStore, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    /// The route. Signed-in operators export what they may see (an operator: their departments'
    /// conversations; supervisors and admins: all); keys need `conversations:read` and see all.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        routes.group(context: ReaderRequestContext.self).get("api/v1/exports/conversations") { request, context in
            let viewer = context.viewer
            let parameters = request.uri.queryParameters
            let format = try Self.format(parameters["format"].map(String.init))
            let range = try ReportQuery.range(
                from: parameters["from"].map(String.init),
                to: parameters["to"].map(String.init),
                tz: parameters["tz"].map(String.init),
                now: clock.now()
            )
            let query = ExportQuery(
                from: range.start,
                to: range.end,
                channelID: try Self.id(parameters["channel"], "channel").map(ChannelID.init),
                operatorID: try Self.id(parameters["operator"], "operator").map(OperatorID.init),
                status: try Self.status(parameters["status"].map(String.init)),
                label: try Self.label(parameters["label"].map(String.init))
            )
            return response(query, viewer: viewer, format: format, name: "conversations-\(range.from)-\(range.to)")
        }
        return routes
    }

    /// The streamed download; pages are read as the client takes them.
    func response(_ query: ExportQuery, viewer: Viewer, format: ExportFormat, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = format == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(name).\(format.rawValue)\""
        let body = ResponseBody { [store] writer in
            try await writer.write(ByteBuffer(string: format.preamble))
            var after: ConversationID?
            while true {
                let page = try await store.exportPage(query, viewer: viewer, after: after, limit: Self.pageSize)
                var chunk = ""
                for conversation in page { chunk += try format.text(of: conversation) }
                if !chunk.isEmpty { try await writer.write(ByteBuffer(string: chunk)) }
                guard page.count == Self.pageSize, let last = page.last else { break }
                after = last.id
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The `format` parameter; CSV when absent. - Throws: 400 `invalid_format`.
    static func format(_ raw: String?) throws -> ExportFormat {
        guard let raw else { return .csv }
        guard let format = ExportFormat(rawValue: raw) else {
            throw APIError(.badRequest, code: "invalid_format", message: "format must be csv or jsonl.")
        }
        return format
    }

    /// An id filter (`channel`, `operator`). - Throws: 400 `invalid_filter` for a non-integer.
    static func id(_ raw: Substring?, _ name: String) throws -> Int64? {
        guard let raw else { return nil }
        guard let value = Int64(raw) else {
            throw APIError(.badRequest, code: "invalid_filter", message: "\(name) must be an integer id, got '\(raw)'.")
        }
        return value
    }

    /// The `status` filter. - Throws: 400 `invalid_filter` for an unknown status.
    static func status(_ raw: String?) throws -> ConversationStatus? {
        guard let raw else { return nil }
        guard let status = ConversationStatus(rawValue: raw) else {
            throw APIError(.badRequest, code: "invalid_filter", message: "status must be open, pending or resolved.")
        }
        return status
    }

    /// The `label` filter, as long as labels may be. - Throws: 400 `invalid_filter`.
    static func label(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        guard (1...40).contains(raw.count) else { throw APIError(.badRequest, code: "invalid_filter", message: "label must be 1 to 40 characters.") }
        return raw
    }
}
