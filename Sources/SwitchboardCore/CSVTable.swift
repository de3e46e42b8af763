import Foundation

/// A table written as RFC 4180 CSV: comma separated, CRLF line ends, fields with a comma, quote or
/// line break quoted with doubled quotes. Text that a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe (OWASP's advice);
/// numbers are written as numbers.
public struct CSVTable: Sendable, Equatable {
    /// One field.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case integer(Int)
        case empty
    }

    public var header: [String]
    public var rows: [[Cell]]

    /// Creates a table.
    public init(header: [String], rows: [[Cell]] = []) {
        self.header = header
        self.rows = rows
    }

    /// The CSV text, header first.
    public var text: String {
        var lines = [header.map { Self.field(.text($0)) }.joined(separator: ",")]
        lines += rows.map { $0.map(Self.field).joined(separator: ",") }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// One field as written.
    public static func field(_ cell: Cell) -> String {
        switch cell {
        case .empty:
            return ""
        case .integer(let value):
            return String(value)
        case .number(let value):
            return number(value)
        case .text(var value):
            if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// A duration or share as the shortest text that reads back to the same Double (no trailing `.0`).
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

extension CSVTable.Cell {
    /// A number, or an empty field for nil.
    public static func optional(_ value: Double?) -> Self { value.map(Self.number) ?? .empty }

    /// Text, or an empty field for nil.
    public static func optionalText(_ value: String?) -> Self { value.map(Self.text) ?? .empty }
}
