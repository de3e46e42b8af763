import Manifests
import SwitchboardApp
import SwitchboardCore
import Testing

@Suite struct ChannelManifestTests {
    func parse(_ yaml: String, environment: [String: String] = [:]) -> (ChannelManifest?, [String]) {
        var problems: [String] = []
        let manifest = ChannelManifest.parse(yaml: yaml, file: "channels/x.yaml", environment: environment, problems: &problems)
        return (manifest, problems)
    }

    @Test func fullManifestReadsEveryKeyAndTakesTheTokenFromTheEnvironment() {
        let (manifest, problems) = parse(
            """
            kind: telegram
            name: support-tg
            mode: webhook
            token: ${SUPPORT_TG_TOKEN}
            persona:
              name: Acme Support
              avatar: https://support.example.com/avatars/logo.png
            department: billing
            proxy: socks5h://127.0.0.1:1080
            """,
            environment: ["SUPPORT_TG_TOKEN": "7000000001:AAH-secret"]
        )
        #expect(problems.isEmpty)
        #expect(manifest?.kind == .telegram)
        #expect(manifest?.mode == .webhook)
        #expect(manifest?.token == "7000000001:AAH-secret")
        #expect(manifest?.tokenVariable == "SUPPORT_TG_TOKEN")
        #expect(manifest?.personaName == "Acme Support")
        #expect(manifest?.personaAvatar == "https://support.example.com/avatars/logo.png")
        #expect(manifest?.department == "billing")
        #expect(manifest?.proxy == "socks5h://127.0.0.1:1080")
    }

    @Test func telegramPollsAndViberUsesTheWebhookByDefault() {
        #expect(parse("kind: telegram\nname: a\ntoken: ${T}", environment: ["T": "x"]).0?.mode == .poll)
        #expect(parse("kind: viber\nname: b\ntoken: ${T}", environment: ["T": "x"]).0?.mode == .webhook)
    }

    @Test func literalTokenIsRefusedWithoutEchoingIt() {
        let (manifest, problems) = parse("kind: telegram\nname: support-tg\ntoken: 7000000001:AAH-literal-secret")
        #expect(manifest == nil)
        #expect(problems == ["channels/x.yaml: token: must be ${ENV_VAR}, never the token itself; put the token in the environment"])
        #expect(!problems.joined().contains("literal-secret"))
    }

    @Test func unsetVariableIsAClearError() {
        let (manifest, problems) = parse("kind: viber\nname: support-viber\ntoken: ${SUPPORT_VIBER_TOKEN}")
        #expect(manifest == nil)
        #expect(problems == ["channels/x.yaml: token: the environment variable SUPPORT_VIBER_TOKEN is not set"])
    }

    @Test func everyProblemOfAFileIsReportedTogether() {
        let (manifest, problems) = parse(
            """
            kind: viber
            name: Support Viber
            mode: poll
            tokn: ${T}
            welcome: hi
            proxy: http://p:1
            persona:
              nick: Acme
            """
        )
        #expect(manifest == nil)
        #expect(
            Set(problems) == [
                "channels/x.yaml: tokn: unknown key (known: api_url, automation, department, kind, mode, name, persona, proxy, token, welcome)",
                "channels/x.yaml: name: use a-z, 0-9, '-' and '_' (up to 63 characters), e.g. support-tg",
                "channels/x.yaml: mode: Viber only delivers by webhook",
                "channels/x.yaml: token: missing: write token: ${ENV_VAR} and set that variable",
                "channels/x.yaml: proxy: only Telegram channels take a proxy of their own",
                "channels/x.yaml: persona.nick: unknown key (known: avatar, name)",
            ]
        )
    }

    @Test func brokenYAMLAndNonMappingsAreReported() {
        #expect(parse("kind: [telegram").1.first?.hasPrefix("channels/x.yaml: not valid YAML") == true)
        #expect(parse("- telegram").1 == ["channels/x.yaml: expected a mapping of keys such as kind, name and token"])
    }
}
