import Manifests

/// The variables the seed manifests name, so fuzzing reaches past the token and secret checks.
private let environment = ["SUPPORT_TG_TOKEN": "123:abc", "SUPPORT_VIBER_TOKEN": "viber-token", "CRM_WEBHOOK_SECRET": "whsec"]

/// libFuzzer entry: the bytes are a YAML file; read it both as a channel manifest and as the webhooks
/// manifest. Problems are expected answers; only a crash fails.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzManifests(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let yaml = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var problems: [String] = []
    _ = ChannelManifest.parse(yaml: yaml, file: "fuzz.yaml", environment: environment, problems: &problems)
    _ = WebhookManifest.parse(yaml: yaml, file: "fuzz.yaml", environment: environment, problems: &problems)
    return 0
}
