import Foundation
import SwitchboardCore
import TelegramChannel

/// Recorded-shape Telegram updates from `Fixtures/`.
enum Fixtures {
    /// The raw bytes of `Fixtures/<name>.json`.
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }

    /// The fixture as a JSON value.
    static func update(_ name: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data(name))
    }
}
