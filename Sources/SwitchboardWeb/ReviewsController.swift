import Foundation
public import Hummingbird
public import SwitchboardCore

/// Supervisors' reviews of resolved conversations: a random sample to review, a score and comment
/// per conversation, and the operator's read access to the reviews of conversations they handled.
public struct ReviewsController: Sendable {
    let store: any ReportStore
    let clock: any WallClock

    /// Creates the controller.
    public init(store: any ReportStore, clock: any WallClock) {
        self.store = store
        self.clock = clock
    }

    struct SampleBody: Decodable {
        let from: String?
        let to: String?
        let tz: String?
        let size: Int
        let `operator`: Int64?
        let department: Int64?
    }

    struct ReviewBody: Decodable {
        let score: Int
        let comment: String?
    }

    /// Adds the routes to `routes`.
    public func add(to routes: RouteCollection<InboxRequestContext>) {
        let supervisors = routes.group(context: SupervisorRequestContext.self)
        let operators = routes.group(context: OperatorRequestContext.self)
        supervisors.post("api/v1/reviews/sample") { request, _ in
            let body = try await JSONResponse.decode(SampleBody.self, from: request, limit: 16 * 1024)
            let range = try ReportQuery.range(from: body.from, to: body.to, tz: body.tz, now: clock.now())
            guard Review.sampleSizes.contains(body.size) else {
                throw APIError(.badRequest, code: "invalid_size", message: "size must be between 1 and 50.")
            }
            let items = try await store.reviewSample(
                start: range.start,
                end: range.end,
                size: body.size,
                operatorID: body.operator.map(OperatorID.init),
                departmentID: body.department.map(DepartmentID.init),
                seed: UInt64.random(in: .min ... .max)
            )
            return try JSONResponse.make(ReviewPayloads.Candidates(items: items.map { .init($0, calendar: range.calendar) }))
        }
        supervisors.put("api/v1/conversations/:id/review") { request, context in
            let reviewer = context.signedIn
            let id = try Self.conversationID(context)
            let body = try await JSONResponse.decode(ReviewBody.self, from: request, limit: 64 * 1024)
            let comment = body.comment ?? ""
            guard Review.scores.contains(body.score) else {
                throw APIError(.badRequest, code: "invalid_score", message: "score must be between 1 and 5.")
            }
            guard comment.unicodeScalars.count <= Review.maxCommentLength else {
                throw APIError(.badRequest, code: "invalid_comment", message: "A comment has at most \(Review.maxCommentLength) characters.")
            }
            do {
                let review = try await store.saveReview(
                    conversationID: id,
                    reviewerID: reviewer.account.id,
                    score: body.score,
                    comment: comment,
                    at: clock.now()
                )
                return try JSONResponse.make(ReviewPayloads.Item(review, calendar: try Self.calendar(request)))
            } catch ReviewError.conversationNotFound {
                throw APIError(.notFound, code: "not_found", message: "No such conversation.")
            } catch ReviewError.notResolved {
                throw APIError(.conflict, code: "not_resolved", message: "Only resolved conversations are reviewed.")
            }
        }
        operators.get("api/v1/conversations/:id/review") { request, context in
            let viewer = context.signedIn
            let id = try Self.conversationID(context)
            let calendar = try Self.calendar(request)
            if !ReportsController.readers.contains(viewer.account.role) {
                guard try await store.handled(id, by: viewer.account.id) else {
                    throw APIError(.forbidden, code: "forbidden", message: "Operators read the reviews of conversations they handled.")
                }
            }
            guard let review = try await store.review(of: id) else {
                throw APIError(.notFound, code: "not_found", message: "This conversation has no review.")
            }
            return try JSONResponse.make(ReviewPayloads.Item(review, calendar: calendar))
        }
        operators.get("api/v1/reviews") { request, context in
            let viewer = context.signedIn
            let query = request.uri.queryParameters
            let range = try ReportQuery.range(
                from: query["from"].map(String.init),
                to: query["to"].map(String.init),
                tz: query["tz"].map(String.init),
                now: clock.now()
            )
            var operatorID: OperatorID?
            if let raw = query["operator"].map(String.init) {
                guard let value = Int64(raw) else {
                    throw APIError(.badRequest, code: "invalid_filter", message: "operator must be an integer id, got '\(raw)'.")
                }
                operatorID = OperatorID(value)
            }
            if !ReportsController.readers.contains(viewer.account.role) {
                guard operatorID == nil || operatorID == viewer.account.id else {
                    throw APIError(.forbidden, code: "forbidden", message: "Operators read only their own reviews.")
                }
                operatorID = viewer.account.id
            }
            let reviews = try await store.reviews(operatorID: operatorID, start: range.start, end: range.end)
            return try JSONResponse.make(ReviewPayloads.Items(items: reviews.map { .init($0, calendar: range.calendar) }))
        }
    }

    private static func conversationID(_ context: some RequestContext) throws -> ConversationID {
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else {
            throw APIError(.notFound, code: "not_found", message: "No such conversation.")
        }
        return ConversationID(id)
    }

    /// The zone times are written in: `tz` of the query, UTC by default.
    private static func calendar(_ request: Request) throws -> ReportCalendar {
        let tz = request.uri.queryParameters["tz"].map(String.init)
        return try ReportQuery.range(from: "2000-01-01", to: "2000-01-01", tz: tz, now: Date()).calendar
    }
}
