import Foundation
import MultipartForm

/// libFuzzer entry: the first line of the bytes is the request's `Content-Type`, the rest its body;
/// split it as the fake Bot API does with an upload. Parse errors are expected; only a crash fails.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Data(bytes: data, count: size)
    let newline = input.firstIndex(of: UInt8(ascii: "\n")) ?? input.endIndex
    let contentType = String(decoding: input[..<newline], as: UTF8.self)
    let body = Data(input[min(newline + 1, input.endIndex)...])
    guard let boundary = try? MultipartParser.boundary(fromContentType: contentType) else { return 0 }
    _ = try? MultipartParser.parse(body, boundary: boundary)
    return 0
}
