import Foundation
import SwitchboardCore

/// The JSON text of the frames the stream sends.
enum StreamFrame {
    /// The first frame: the latest committed seq, so a fresh client knows where it stands.
    static func hello(latestSeq: Int64) -> String {
        #"{"type":"hello","latestSeq":\#(latestSeq)}"#
    }

    /// The client must reload its lists: it asked for more than the replay window holds, or what
    /// its operator may see changed. Events after `latestSeq` follow.
    static func reset(latestSeq: Int64) -> String {
        #"{"type":"reset","latestSeq":\#(latestSeq)}"#
    }

    /// One committed event.
    static func encode(_ event: Event) -> String {
        func id(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
        let millis = Int64((event.occurredAt.timeIntervalSince1970 * 1000).rounded())
        // The payload is already JSON written by the store; embedding it avoids a decode/encode round trip.
        return #"{"type":"event","seq":\#(event.seq),"kind":"\#(event.kind.rawValue)","conversationID":\#(id(event.conversationID?.rawValue)),"#
            + #""messageID":\#(id(event.messageID?.rawValue)),"contactID":\#(id(event.contactID?.rawValue)),"occurredAt":\#(millis),"data":\#(event.payload)}"#
    }
}
