import Foundation
import SwitchboardCore
import TelegramChannel

/// libFuzzer entry: the bytes are a Telegram webhook body (one Update); decode and map it as the
/// webhook endpoint and the poller do. Anything but a crash is a pass: nothing here may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTelegramUpdate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(bytes: data, count: size)
    guard let update = try? JSONDecoder().decode(JSONValue.self, from: body), case .object = update else { return 0 }
    _ = TelegramUpdateMapper(channelID: ChannelID(1), botID: 7_000_000_001).map(update, receivedAt: Date(timeIntervalSince1970: 1_700_000_000))
    return 0
}
