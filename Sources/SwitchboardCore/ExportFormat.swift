public import Foundation

/// How exported conversations are written: CSV with one row per message, or JSON lines with one
/// conversation (and its messages) per line. Both are written a page at a time.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv
    case jsonl

    /// The CSV header row, written once before the first page.
    public static let csvHeader = CSVTable(
        header: [
            "conversation_id", "status", "channel", "contact", "assignee", "department_id", "opened_at", "resolved_at",
            "message_id", "message_at", "direction", "author_kind", "author", "text",
        ]
    ).text

    /// What the file starts with.
    public var preamble: String { self == .csv ? Self.csvHeader : "" }

    /// The text of one conversation: its rows (CSV; a conversation without messages in the range is one
    /// row with empty message fields) or its line (JSON lines). Text cells are escaped by `CSVTable`,
    /// so a client's `=HYPERLINK(…)` cannot run as a spreadsheet formula.
    public func text(of conversation: ExportedConversation) throws -> String {
        switch self {
        case .csv:
            return Self.rows(conversation).map { $0.map(CSVTable.field).joined(separator: ",") + "\r\n" }.joined()
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            return String(decoding: try encoder.encode(conversation), as: UTF8.self) + "\n"
        }
    }

    /// The CSV rows of one conversation.
    static func rows(_ conversation: ExportedConversation) -> [[CSVTable.Cell]] {
        let head: [CSVTable.Cell] = [
            .integer(Int(conversation.id.rawValue)), .text(conversation.status.rawValue), .text(conversation.channel),
            .text(conversation.contact), .optionalText(conversation.assignee),
            conversation.departmentID.map { .integer(Int($0.rawValue)) } ?? .empty,
            .text(timestamp(conversation.openedAt)), .optionalText(conversation.resolvedAt.map(timestamp)),
        ]
        guard !conversation.messages.isEmpty else { return [head + Array(repeating: .empty, count: 6)] }
        return conversation.messages.map { message in
            head + [
                .integer(Int(message.id.rawValue)), .text(timestamp(message.at)), .text(message.direction.rawValue),
                .text(message.authorKind), .optionalText(message.authorName), .text(message.text),
            ]
        }
    }

    /// A UTC ISO 8601 time, which spreadsheets and scripts read alike.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
