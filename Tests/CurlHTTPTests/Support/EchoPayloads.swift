import Foundation

/// What the test server's `/echo` route saw, returned as JSON.
struct Echo: Codable, Sendable {
    var method: String
    var uri: String
    var contentType: String?
    var userAgent: String?
    var acceptEncoding: String?
    var expect: String?
    var testHeader: String?
    var body: String
}

/// One part as the test server's multipart parser read it.
struct EchoedPart: Codable, Sendable, Equatable {
    var name: String
    var fileName: String?
    var contentType: String?
    var data: Data
}

/// The JSON document of the JSON round-trip route.
struct Greeting: Codable, Sendable, Equatable {
    var text: String
    var count: Int
}
