import Foundation
import HTTPTypes
public import Hummingbird
public import SwitchboardCore

/// `/api/v1/reports/*`: figures, load, staff, departments and feedback for supervisors and admins,
/// as JSON or (`format=csv`) as CSV tables; with the reviews of resolved conversations (`ReviewsController`).
public struct ReportsController: Sendable {
    let store: any ReportStore
    let channels: any Store
    let clock: any WallClock

    /// Creates the controller.
    public init(store: any ReportStore & Store, clock: any WallClock) {
        self.store = store
        self.channels = store
        self.clock = clock
    }

    static let readers: Set<OperatorRole> = [.admin, .supervisor]

    /// The routes.
    public var routes: RouteCollection<InboxRequestContext> {
        let routes = RouteCollection(context: InboxRequestContext.self)
        let reporters = routes.group(context: ReportsRequestContext.self)
        reporters.get("api/v1/reports/figures") { request, _ in
            let query = try readQuery(request)
            let figures = try await store.reportMeasurements(query.scope).figures(where: Self.operatorFilter(query.scope))
            let range = query.scope.range
            if query.format == .csv {
                _ = try query.csvTable(of: ["figures"])
                return ReportCSV.response(ReportCSV.figures(figures), report: "figures", range: range)
            }
            return try JSONResponse.make(ReportPayloads.Figures(from: range.from, to: range.to, tz: range.timeZoneName, figures: figures))
        }
        reporters.get("api/v1/reports/load") { request, _ in
            let query = try readQuery(request)
            let scope = query.scope
            async let activity = store.reportActivity(scope)
            let measurements = try await store.reportMeasurements(scope)
            let load = ReportPayloads.Load(
                ReportLoad(activity: try await activity, queueStays: measurements, calendar: scope.range.calendar),
                range: scope.range
            )
            if query.format == .csv {
                let table = try query.csvTable(of: ["days", "heatmap", "queue"])
                return ReportCSV.response(ReportCSV.load(load, table: table), report: "load", range: scope.range)
            }
            return try JSONResponse.make(load)
        }
        reporters.get("api/v1/reports/staff") { request, _ in
            let query = try readQuery(request)
            let report = try await staff(query.scope)
            if query.format == .csv {
                let table = try query.csvTable(of: ["operators", "days"])
                return ReportCSV.response(ReportCSV.staff(report, table: table), report: "staff", range: query.scope.range)
            }
            return try JSONResponse.make(report)
        }
        reporters.get("api/v1/reports/departments") { request, _ in
            let query = try readQuery(request)
            let report = try await departments(query.scope)
            if query.format == .csv {
                _ = try query.csvTable(of: ["departments"])
                return ReportCSV.response(ReportCSV.departments(report), report: "departments", range: query.scope.range)
            }
            return try JSONResponse.make(report)
        }
        reporters.get("api/v1/reports/feedback") { request, _ in
            let query = try readQuery(request)
            let report = try await feedback(query.scope)
            if query.format == .csv {
                _ = try query.csvTable(of: ["lowScores"])
                return ReportCSV.response(ReportCSV.lowScores(report.lowScores), report: "feedback", range: query.scope.range)
            }
            return try JSONResponse.make(report)
        }
        // The channel filter's choices: supervisors may not read the channels' admin view (tokens, webhooks).
        reporters.get("api/v1/reports/channels") { _, _ in
            let refs = try await channels.channels().map { ChannelRef(id: $0.id, kind: $0.kind, name: $0.name) }
            return try JSONResponse.make(Items(items: refs))
        }
        ReviewsController(store: store, clock: clock).add(to: routes)
        return routes
    }

    private func readQuery(_ request: Request) throws -> ReportQuery {
        try ReportQuery(request, now: clock.now())
    }

    /// Samples belong to the operator they are attributed to (see the README's definitions).
    static func operatorFilter(_ scope: ReportScope) -> (OperatorID?, DepartmentID?) -> Bool {
        guard let wanted = scope.operatorID else { return { _, _ in true } }
        return { owner, _ in owner == wanted }
    }
}
