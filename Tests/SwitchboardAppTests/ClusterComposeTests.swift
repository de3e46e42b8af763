import Foundation
import SwitchboardApp
import Testing
import Yams

/// `deploy/cluster/compose.yaml` cannot be run here (no container runtime), so what can go wrong
/// without one is checked: the file parses, its instances are the cluster the README describes,
/// every setting it hands Switchboard exists and loads, and Caddy balances exactly those instances.
@Suite struct ClusterComposeTests {
    static let deploy = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy")
    static let cluster = deploy.appendingPathComponent("cluster")

    /// The parsed compose file and its Switchboard instances (the services built from the container recipe).
    struct Compose {
        let services: [String: [String: Any]]
        let instances: [(name: String, service: [String: Any])]

        init() throws {
            let text = try String(contentsOf: ClusterComposeTests.cluster.appendingPathComponent("compose.yaml"), encoding: .utf8)
            let root = try #require(try Yams.load(yaml: text) as? [String: Any])
            services = try #require(root["services"] as? [String: [String: Any]])
            instances = services.filter { (_, service) in
                ((service["build"] as? [String: Any])?["dockerfile"] as? String) == "deploy/container/Containerfile"
            }
            .sorted { $0.key < $1.key }
            .map { (name: $0.key, service: $0.value) }
        }

        static func environment(_ service: [String: Any]) -> [String: String] {
            ((service["environment"] as? [String: Any]) ?? [:]).mapValues { "\($0)" }
        }
    }

    @Test func twoInstancesOfOneImageShareTheDatabaseTheMediaAndTheKey() throws {
        let compose = try Compose()
        #expect(compose.services["postgres"]?["image"] as? String == "postgres:15")
        #expect(compose.instances.count == 2)
        let environments = compose.instances.map { Compose.environment($0.service) }
        #expect(Set(environments.compactMap { $0["SWITCHBOARD_INSTANCE"] }) == ["a", "b"])
        #expect(Set(compose.instances.map { $0.service["image"] as? String }).count == 1, "one image")
        for (name, service) in compose.instances {
            let environment = Compose.environment(service)
            #expect(environment["SWITCHBOARD_DATABASE"]?.hasPrefix("postgres://") == true, "\(name)")
            #expect(environment["SWITCHBOARD_DATABASE"] == environments[0]["SWITCHBOARD_DATABASE"], "\(name): the same database")
            #expect(environment["SWITCHBOARD_LOG_FORMAT"] == "json", "\(name)")
            let mediaDirectory = try #require(environment["SWITCHBOARD_MEDIA_DIR"], "\(name)")
            #expect(service["volumes"] as? [String] == ["media:\(mediaDirectory)"], "\(name): the shared media volume at SWITCHBOARD_MEDIA_DIR")
            #expect(service["env_file"] as? String == "cluster.env", "\(name): the shared secret key")
            let check = ((service["healthcheck"] as? [String: Any])?["test"] as? [String])?.joined(separator: " ") ?? ""
            #expect(check.contains("GET /readyz"), "\(name) health check: \(check)")
            let dependsOn = service["depends_on"] as? [String: [String: String]]
            #expect(dependsOn?["postgres"]?["condition"] == "service_healthy", "\(name)")
        }
        #expect(try Self.exampleSettings()["SWITCHBOARD_SECRET_KEY"] != nil, "cluster.env.example has the shared key")
    }

    @Test func everySettingTheInstancesGetExistsAndLoads() throws {
        let compose = try Compose()
        let listed = try String(contentsOf: Self.deploy.appendingPathComponent("env.example"), encoding: .utf8)
        let known = Set(AppConfig.keys.map(\.key))
        let example = try Self.exampleSettings()
        for (name, service) in compose.instances {
            // What the container gets: its env_file, then its own environment with compose's ${…} filled from the same file.
            var environment = example.filter { $0.key.hasPrefix("SWITCHBOARD_") }
            environment["SWITCHBOARD_SECRET_KEY"] = Data(repeating: 7, count: 32).base64EncodedString()
            for (key, value) in Compose.environment(service) { environment[key] = try Self.interpolate(value, from: example) }
            for key in environment.keys {
                #expect(known.contains(key), "\(name): \(key) is not a Switchboard setting")
                #expect(listed.contains("\(key)="), "\(name): \(key) is not in deploy/env.example")
            }
            let config = try AppConfig.load(environment: environment)
            #expect(config.databasePath.hasPrefix("postgres://switchboard:change-me@postgres:5432/switchboard"), "\(name)")
            #expect(config.instance == environment["SWITCHBOARD_INSTANCE"], "\(name)")
        }
    }

    @Test func caddyBalancesEveryInstanceOnItsReadiness() throws {
        let compose = try Compose()
        let caddy = try #require(compose.services["caddy"])
        #expect((caddy["volumes"] as? [String])?.contains("./Caddyfile:/etc/caddy/Caddyfile:ro") == true)
        let caddyfile = try String(contentsOf: Self.cluster.appendingPathComponent("Caddyfile"), encoding: .utf8)
        let lines = caddyfile.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let upstreams = try #require(lines.first { $0.hasPrefix("reverse_proxy ") }).split(separator: " ").dropFirst().dropLast().map(String.init)
        #expect(upstreams == compose.instances.map { "\($0.name):8080" })
        #expect(lines.contains("health_uri /readyz"))
        #expect(lines.contains("@metrics path /metrics /metrics/*") && lines.contains("respond @metrics 404"))
        // The site name comes from the environment Caddy is given.
        #expect(lines.contains("{$SITE_ADDRESS} {") && Compose.environment(caddy)["SITE_ADDRESS"] != nil)
    }

    /// `cluster.env.example`'s settings (blank and comment lines skipped).
    static func exampleSettings() throws -> [String: String] {
        let text = try String(contentsOf: cluster.appendingPathComponent("cluster.env.example"), encoding: .utf8)
        var settings: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            settings[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return settings
    }

    /// Compose's `${NAME}` and `${NAME:?message}`, filled from `values`.
    static func interpolate(_ value: String, from values: [String: String]) throws -> String {
        var result = value
        while let range = result.range(of: #"\$\{[A-Z_]+(:\?[^}]*)?\}"#, options: .regularExpression) {
            let name = String(result[range].dropFirst(2).prefix { $0 != ":" && $0 != "}" })
            result.replaceSubrange(range, with: try #require(values[name], "\(name) is not in cluster.env.example"))
        }
        return result
    }
}
