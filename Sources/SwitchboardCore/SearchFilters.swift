public import Foundation

/// What narrows an inbox search: a time range of the messages, and the conversation's channel,
/// assignee, status and label. Nil means "any".
public struct SearchFilters: Sendable, Equatable {
    /// Messages written at or after this moment.
    public var from: Date?
    /// Messages written before this moment.
    public var until: Date?
    public var channelID: ChannelID?
    /// The operator the conversation is assigned to.
    public var operatorID: OperatorID?
    public var status: ConversationStatus?
    /// A label on the conversation or on its contact.
    public var label: String?

    /// Creates filters.
    public init(
        from: Date? = nil,
        until: Date? = nil,
        channelID: ChannelID? = nil,
        operatorID: OperatorID? = nil,
        status: ConversationStatus? = nil,
        label: String? = nil
    ) {
        self.from = from
        self.until = until
        self.channelID = channelID
        self.operatorID = operatorID
        self.status = status
        self.label = label
    }

    /// Reads the filters of a search request; nil or empty parameters mean "any".
    ///
    /// `from` and `to` are a day (`2026-12-01`, UTC; `to` includes the whole day) or an ISO 8601
    /// moment (`2026-12-01T08:00:00Z`; `to` is then the exclusive end, which is what an inbox showing
    /// local days sends).
    /// - Throws: `SearchInputError` naming the first parameter that cannot be used.
    public static func parse(
        from: String?,
        to: String?,
        channel: String?,
        operator operatorText: String?,
        status: String?,
        label: String?
    ) throws(SearchInputError) -> SearchFilters {
        var filters = SearchFilters()
        filters.from = try moment(from, field: "from", endOfDay: false)
        filters.until = try moment(to, field: "to", endOfDay: true)
        if let start = filters.from, let end = filters.until, start >= end {
            throw SearchInputError(field: "to", message: "to must be after from.")
        }
        filters.channelID = try identifier(channel, field: "channel").map(ChannelID.init)
        filters.operatorID = try identifier(operatorText, field: "operator").map(OperatorID.init)
        if let status = present(status) {
            guard let value = ConversationStatus(rawValue: status) else {
                throw SearchInputError(field: "status", message: "status must be open, pending or resolved.")
            }
            filters.status = value
        }
        if let label = present(label) {
            guard label.count <= 40 else { throw SearchInputError(field: "label", message: "label must be at most 40 characters.") }
            filters.label = label
        }
        return filters
    }

    private static func present(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    private static func identifier(_ text: String?, field: String) throws(SearchInputError) -> Int64? {
        guard let text = present(text) else { return nil }
        guard let value = Int64(text), value > 0 else {
            throw SearchInputError(field: field, message: "\(field) must be a positive integer id.")
        }
        return value
    }

    private static func moment(_ text: String?, field: String, endOfDay: Bool) throws(SearchInputError) -> Date? {
        guard let text = present(text) else { return nil }
        if let day = ReportDay.number(text), (1970...9999).contains(Int(text.prefix(4)) ?? 0) {
            return Date(timeIntervalSince1970: Double(day + (endOfDay ? 1 : 0)) * 86_400)
        }
        // Only the plain `2026-12-01T08:00:00Z` / `+02:00` shape: anything looser is a typo, not a date.
        guard text.count <= 30, let date = try? Date(text, strategy: .iso8601), date.timeIntervalSince1970 >= 0 else {
            throw SearchInputError(field: field, message: "\(field) must be a day (2026-12-01) or an ISO 8601 time (2026-12-01T08:00:00Z).")
        }
        return date
    }
}
