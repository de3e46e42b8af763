public import Foundation

/// The body of an ``HTTPRequest`` and how it is encoded on the wire.
public enum HTTPBody: Sendable, Equatable {
    /// No body. `POST`, `PUT` and `PATCH` still send `Content-Length: 0`.
    case none
    /// Raw bytes with an explicit `Content-Type`.
    case data(Data, contentType: String)
    /// JSON bytes, sent as `application/json`.
    case json(Data)
    /// Fields sent as `application/x-www-form-urlencoded`, in key order so the bytes are reproducible.
    case form([String: String])
    /// Parts sent as `multipart/form-data`; libcurl writes the boundary and part headers.
    case multipart([MultipartPart])

    /// True when there is something to send.
    public var isEmpty: Bool {
        if case .none = self { true } else { false }
    }
}
