import Foundation
import SwitchboardCore
import ViberChannel

/// libFuzzer entry: the bytes are a Viber callback body whose signature already verified; map it as
/// the webhook endpoint does. Anything but a crash is a pass: nothing here may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzViberCallback(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes: data, count: size)
    _ = ViberCallbackMapper(channelID: ChannelID(1), token: "fuzz-token").map(body, receivedAt: Date(timeIntervalSince1970: 1_700_000_000))
    return 0
}
