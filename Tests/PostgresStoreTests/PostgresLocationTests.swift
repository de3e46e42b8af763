import PostgresStore
import Testing

struct PostgresLocationTests {
    @Test func readsEveryPartOfAFullURL() throws {
        let location = try PostgresLocation(url: "postgresql://desk:s%40cret@db.example.com:6543/switchboard?sslmode=verify-full")
        #expect(location.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(location.user == "desk")
        #expect(location.password == "s@cret")
        #expect(location.database == "switchboard")
        #expect(location.sslMode == .verifyFull)
    }

    @Test func fillsWhatLibpqFillsWhenPartsAreMissing() throws {
        let location = try PostgresLocation(url: "postgres://desk@db")
        #expect(location.endpoint == .tcp(host: "db", port: 5432))
        #expect(location.password == nil)
        #expect(location.database == "desk")
        #expect(location.sslMode == .prefer)
        #expect(try PostgresLocation(url: "postgres://desk@db?sslmode=allow").sslMode == .prefer)
    }

    @Test func aHostParameterThatIsAPathNamesTheSocketFolder() throws {
        let location = try PostgresLocation(url: "postgres://desk@/switchboard?host=/run/postgresql")
        #expect(location.endpoint == .unixSocket(folder: "/run/postgresql", port: 5432))
        #expect(location.endpoint.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(location.database == "switchboard")
    }

    @Test func theDescriptionHidesThePasswordAndReadsBackToTheSameLocation() throws {
        for url in [
            "postgres://desk:hunter2@db:5433/switchboard?sslmode=require",
            "postgres://desk:hunter2@/switchboard?host=/run/postgresql&sslmode=disable",
        ] {
            let location = try PostgresLocation(url: url)
            #expect(!location.description.contains("hunter2"))
            var reread = try PostgresLocation(url: location.description)
            reread.password = "hunter2"
            #expect(reread == location)
        }
    }

    @Test(arguments: [
        ("mysql://desk@db/switchboard", PostgresLocationError.notPostgres),
        ("/var/lib/switchboard/desk.sqlite", .notPostgres),
        ("postgres://db/switchboard", .missingUser),
        ("postgres://desk@db/switchboard?sslmode=maybe", .badSSLMode("maybe")),
        ("postgres://desk@db/switchboard?connect_timeout=5", .unknownParameter("connect_timeout")),
        ("postgres://desk@db:0/switchboard", .badPort),
        ("postgres://desk@db/a/b", .malformed),
    ])
    func refusesWhatItCannotUse(url: String, error: PostgresLocationError) {
        #expect(throws: error) { try PostgresLocation(url: url) }
    }

    @Test func errorsNeverRepeatThePassword() {
        do {
            _ = try PostgresLocation(url: "postgres://desk:hunter2@db/x?sslmode=nope")
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }

    @Test func tellsPostgresURLsFromFilePaths() {
        #expect(PostgresLocation.isPostgresURL("postgres://a@b/c"))
        #expect(PostgresLocation.isPostgresURL("PostgreSQL://a@b/c"))
        #expect(!PostgresLocation.isPostgresURL("switchboard.sqlite"))
        #expect(!PostgresLocation.isPostgresURL("postgres.sqlite"))
    }
}
