public import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The practical limit of "acknowledge after commit" on this machine: a Hummingbird server that
/// decodes the same Viber callback and inserts one row per request in its own transaction, then
/// answers 200. No signature check, no routing, no events: only the parts every server must do.
public enum MinimalIngestServer {
    /// The fields of a Viber `message` callback the row keeps; decoding them is the work measured.
    struct Callback: Decodable {
        struct Sender: Decodable {
            let id: String
            let name: String?
            let avatar: String?
            let language: String?
            let country: String?
            let apiVersion: Int?

            enum CodingKeys: String, CodingKey {
                case id, name, avatar, language, country
                case apiVersion = "api_version"
            }
        }

        struct Message: Decodable {
            let type: String
            let text: String?
        }

        let event: String
        let timestamp: Int64
        let messageToken: Int64
        let sender: Sender
        let message: Message

        enum CodingKeys: String, CodingKey {
            case event, timestamp, sender, message
            case messageToken = "message_token"
        }
    }

    /// Serves `POST /webhooks/viber/{name}` and `GET /healthz` on 127.0.0.1 until SIGTERM or SIGINT.
    /// - Throws: when the database cannot be opened or the port cannot be bound.
    public static func run(port: Int, databasePath: String) async throws {
        let pool = try openDatabase(path: databasePath)
        var logger = Logger(label: "bench.minimal")
        logger.logLevel = .warning
        let router = Router()
        router.get("healthz") { _, _ in HTTPResponse.Status.ok }
        router.post("webhooks/viber/:name") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 64 * 1024)
            guard let callback = try? JSONDecoder().decode(Callback.self, from: Data(body.readableBytesView)) else { return .badRequest }
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO inbound (message_token, sender_id, sender_name, text, sent_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        String(callback.messageToken), callback.sender.id, callback.sender.name, callback.message.text ?? "", callback.timestamp,
                    ]
                )
            }
            return .ok
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await app.runService()
    }

    /// The texts of the rows stored so far, read from the file the server wrote.
    static func storedTexts(path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT text FROM inbound") }
    }

    /// The same pragmas as Switchboard's SQLite store: WAL (GRDB's pool default), synchronous NORMAL.
    private static func openDatabase(path: String) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS inbound (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        message_token TEXT NOT NULL UNIQUE,
                        sender_id TEXT NOT NULL,
                        sender_name TEXT,
                        text TEXT NOT NULL,
                        sent_at INTEGER NOT NULL
                    )
                    """
            )
        }
        return pool
    }
}
