public import Foundation

/// The JSON form of event payloads in the log: every store writes it and every reader decodes it
/// with these, so a second store cannot drift from what the rules read.
public enum EventPayloadCoding {
    /// Dates as milliseconds since 1970, keys sorted (stable text for the same payload).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    /// Reads what `encoder()` wrote.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
