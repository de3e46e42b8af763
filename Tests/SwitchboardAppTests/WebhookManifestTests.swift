import Manifests
import SwitchboardApp
import SwitchboardCore
import Testing

/// Reading the webhooks manifest file: every problem named with its place, secrets never echoed.
@Suite struct WebhookManifestTests {
    func parse(_ yaml: String, environment: [String: String] = ["HOOK_SECRET": "whsec_env"]) -> (WebhookManifest?, [String]) {
        var problems: [String] = []
        let manifest = WebhookManifest.parse(yaml: yaml, file: "hooks.yaml", environment: environment, problems: &problems)
        return (manifest, problems)
    }

    @Test func aWellFormedEntryIsReadWithItsSecretFromTheEnvironment() {
        let (manifest, problems) = parse(
            "webhooks:\n  - name: crm\n    url: https://crm.example/hooks\n    events: [message.in, conversation.resolved, message.in]\n    secret: ${HOOK_SECRET}\n    enabled: false\n"
        )

        #expect(problems.isEmpty)
        #expect(
            manifest?.entries == [
                WebhookManifestEntry(
                    name: "crm",
                    url: "https://crm.example/hooks",
                    eventTypes: [.conversationResolved, .messageIn],
                    secret: "whsec_env",
                    enabled: false
                )
            ]
        )
    }

    @Test func everyProblemOfEveryEntryIsListed() {
        let (manifest, problems) = parse(
            """
            webhooks:
              - name: crm
                url: https://crm.example/hooks
                events: []
                secret: ${UNSET_SECRET}
                colour: blue
              - name: Bad Name
                events: [message.in]
                secret: ${HOOK_SECRET}
                enabled: maybe
              - name: crm
                url: https://crm.example/other
                events: [message.in]
                secret: ${HOOK_SECRET}
            extra: 1
            """
        )

        #expect(manifest?.entries.map(\.name) == ["crm"])
        #expect(
            Set(problems) == [
                "hooks.yaml: extra: unknown key (known: webhooks)",
                "hooks.yaml: webhooks[0].colour: unknown key (known: enabled, events, name, secret, url)",
                "hooks.yaml: webhooks[0].events: choose at least one event type",
                "hooks.yaml: webhooks[0].secret: the environment variable UNSET_SECRET is not set",
                "hooks.yaml: webhooks[1].name: use a-z, 0-9, '-' and '_' (up to 63 characters), e.g. crm",
                "hooks.yaml: webhooks[1].url: missing",
                "hooks.yaml: webhooks[1].enabled: must be true or false",
            ]
        )
    }

    @Test func aFileWithoutAWebhooksListIsRefused() {
        #expect(parse("- name: crm\n").1 == ["hooks.yaml: expected a mapping with a webhooks: list"])
        #expect(parse("webhooks: crm\n").1 == ["hooks.yaml: webhooks: must be a list of endpoints"])
    }
}
