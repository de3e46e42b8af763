import Foundation
import PostgresNIO
import SwitchboardCore

/// A value a statement binds to a `?`: what the store passes where GRDB took `StatementArguments`.
///
/// Booleans bind as 0 or 1, because the schema keeps SQLite's integer flags.
protocol SQLArgument: Sendable {
    func bind(into bindings: inout PostgresBindings)
}

extension Int: SQLArgument {
    func bind(into bindings: inout PostgresBindings) { bindings.append(Int64(self)) }
}

extension Int64: SQLArgument {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}

extension Double: SQLArgument {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}

extension String: SQLArgument {
    func bind(into bindings: inout PostgresBindings) { bindings.append(storable) }

    /// The text as PostgreSQL can store it: its `text` cannot hold U+0000, and a NUL would fail the
    /// whole statement. Ingest cleans what clients send before it decides (`StorableText`); this
    /// guards every other write (operator input, logins, `copy-database`) the same way.
    var storable: String { StorableText.clean(self) }
}

extension Data: SQLArgument {
    func bind(into bindings: inout PostgresBindings) { bindings.append(ByteBuffer(bytes: self)) }
}

extension Bool: SQLArgument {
    func bind(into bindings: inout PostgresBindings) { bindings.append(Int64(self ? 1 : 0)) }
}

/// Binds as an `int8[]`, for `= ANY(?)` where SQLite had `IN (?, ?, …)`.
extension Array: SQLArgument where Element == Int64 {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}

extension Optional: SQLArgument where Wrapped: SQLArgument {
    func bind(into bindings: inout PostgresBindings) {
        switch self {
        case .some(let value): value.bind(into: &bindings)
        case .none: bindings.appendNull()
        }
    }
}

/// An `IN`-list argument of texts, bound as a `text[]` for `= ANY(?)`.
struct TextList: SQLArgument {
    let values: [String]

    init(_ values: [String]) {
        self.values = values
    }

    func bind(into bindings: inout PostgresBindings) { bindings.append(values.map(\.storable)) }
}

/// Numbers the `?` placeholders of SQLite-style SQL as PostgreSQL's `$1`, `$2`, …, leaving any `?`
/// inside a quoted literal or identifier alone.
enum Placeholders {
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
