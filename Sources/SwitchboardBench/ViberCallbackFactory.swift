public import Foundation
import MessengerFakes

/// Signed Viber `message` callbacks of about 1.3 KB from a fixed set of clients, as Viber posts them.
public struct ViberCallbackFactory: Sendable {
    /// One callback ready to post.
    public struct Callback: Sendable {
        /// The exact bytes to post; the signature covers them.
        public let body: Data
        /// The `X-Viber-Content-Signature` value: lowercase hex HMAC-SHA256 of `body` keyed by the token.
        public let signature: String
    }

    /// The first `message_token`; Viber's are 64-bit, above 2^53 as in real traffic.
    static let firstToken: Int64 = 5_491_236_851_337_700_000
    /// Sentences a support desk hears; no escalation word, no six-digit code, so every message takes the common path.
    static let sentences = [
        "Hello, I ordered a blue jacket last week and the parcel still shows as waiting at the sorting center in Lviv.",
        "Could you please check whether the payment went through, the bank says it did but the order page disagrees.",
        "The delivery address should be the new office on Shevchenka street, not the old warehouse we used before.",
        "We would like to change the size of the second item to medium and keep everything else exactly as it was.",
        "Thank you for the quick answer yesterday, the courier arrived in the afternoon and the box was in good shape.",
        "Is there a way to get an invoice with our company details, we need it for the accounting department this month.",
        "Добрий день, підкажіть, будь ласка, коли буде відправлено моє замовлення, бо минув уже тиждень.",
        "My friend recommended your shop and I wonder whether the discount for new customers also applies to shoes.",
    ]

    /// The bot token that signs the callbacks.
    public let token: String
    /// How many distinct clients write.
    public let clients: Int
    /// Each client's `sender` object, as JSON.
    private let senders: [String]
    /// Texts of about 1 KB, JSON-escaped, that follow the marker.
    private let fillers: [String]

    /// Creates a factory; the JSON of the clients and texts is made once, so a callback costs a
    /// string join and an HMAC, and the load generator leaves the machine to the server.
    public init(token: String, clients: Int) {
        self.token = token
        self.clients = max(1, clients)
        senders = (0..<self.clients).map { client in
            Self.json(
                [
                    "id": Self.userID(client),
                    "name": Self.userName(client),
                    "avatar": "https://media-direct.cdn.viber.com/download_photo?dlid=sbbench\(client)&fltp=jpg&imsz=0000",
                    "language": "uk",
                    "country": "UA",
                    "api_version": 10,
                ] as [String: Any]
            )
        }
        fillers = Self.sentences.indices.map { first in
            var text = ""
            var sentence = first
            while text.utf8.count < 960 {
                text += Self.sentences[sentence % Self.sentences.count] + " "
                sentence += 3
            }
            // The string's JSON form without its quotes: escaped once here, spliced into every body.
            return String(Self.json([text]).dropFirst(2).dropLast(2))
        }
    }

    /// The Viber user id of client `index`: opaque base64 as Viber's.
    static func userID(_ index: Int) -> String {
        Data("sbbench-client-\(index)-of-the-e2e-run".utf8).base64EncodedString()
    }

    /// The Viber user ids of every client, for registering them with the fake as subscribers.
    public var userIDs: [String] { (0..<clients).map(Self.userID) }

    /// The display name of client `index`.
    public static func userName(_ index: Int) -> String { "Bench Client \(index)" }

    /// Message `number`'s callback: from client `number % clients`, its text starting with the marker.
    public func callback(_ number: Int, at date: Date = Date()) -> Callback {
        let text = BenchMarker.text(number) + " " + fillers[number % fillers.count]
        let body = Data(
            (#"{"chat_hostname":"SN-CHAT-05_","event":"message","message":{"text":""# + text + #"","type":"text"},"#
                + #""message_token":\#(Self.firstToken + Int64(number)),"sender":"# + senders[number % clients]
                + #","silent":false,"timestamp":\#(Int64(date.timeIntervalSince1970 * 1000))}"#).utf8
        )
        return Callback(body: body, signature: FakeViber.signature(of: body, token: token))
    }

    /// Compact JSON of plain values (which JSONSerialization always encodes).
    private static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
