import SwitchboardCore
import Testing

@Suite struct WebhookURLRuleTests {
    @Test func onlyHTTPAndHTTPSURLsWithAHostAndNoCredentialsPass() throws {
        #expect(try WebhookURLRule.host(of: "https://crm.example.com/hooks?x=1") == "crm.example.com")
        #expect(try WebhookURLRule.host(of: "http://[2001:db8::1]:8080/") == "2001:db8::1")
        #expect(throws: WebhookURLRule.Refusal.scheme("ftp")) { try WebhookURLRule.host(of: "ftp://crm.example.com/") }
        #expect(throws: WebhookURLRule.Refusal.scheme("file")) { try WebhookURLRule.host(of: "file:///etc/passwd") }
        #expect(throws: WebhookURLRule.Refusal.malformed) { try WebhookURLRule.host(of: "not a url") }
        #expect(throws: WebhookURLRule.Refusal.credentials) { try WebhookURLRule.host(of: "https://user:pw@crm.example.com/") }
    }

    @Test(arguments: [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "::1", "::", "fe80::1", "fd00::5", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "fe80::1%eth0", "garbage",
    ])
    func internalAddressesAreRefused(_ address: String) {
        #expect(WebhookURLRule.isInternal(address))
        #expect(throws: WebhookURLRule.Refusal.internalAddress(address)) {
            try WebhookURLRule.check(host: "h", addresses: ["93.184.216.34", address], allowPrivate: false)
        }
    }

    @Test(arguments: ["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "2a00:1450:4001:80b::200e"])
    func publicAddressesPass(_ address: String) throws {
        #expect(!WebhookURLRule.isInternal(address))
        try WebhookURLRule.check(host: "h", addresses: [address], allowPrivate: false)
    }

    @Test func theSettingAllowsInternalAddressesButAHostMustStillResolve() throws {
        try WebhookURLRule.check(host: "localhost", addresses: ["127.0.0.1"], allowPrivate: true)
        #expect(throws: WebhookURLRule.Refusal.unresolved("nowhere.invalid")) {
            try WebhookURLRule.check(host: "nowhere.invalid", addresses: [], allowPrivate: true)
        }
    }
}
