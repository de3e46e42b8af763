import Accounts
import ArgumentParser
import Foundation
import SwitchboardApp
import SwitchboardCore

#if canImport(Glibc)
import Glibc
#endif

/// `switchboard operator`: manage operator accounts from the shell.
struct OperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator",
        abstract: "Manage operator accounts.",
        subcommands: [AddOperatorCommand.self]
    )
}

/// `switchboard operator add --login … --display-name … --role admin [--password-stdin]`.
struct AddOperatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create an operator. The password is read from a prompt or standard input, never from a flag."
    )

    @Option(help: "Sign-in name.") var login: String
    @Option(name: .customLong("display-name"), help: "Name clients and colleagues see.") var displayName: String
    @Option(help: "admin, supervisor or operator.") var role: String = "operator"
    @Option(name: .customLong("avatar-url"), help: "Public URL of the operator's photo, shown to Viber clients (see `avatar add`).")
    var avatarURL: String?
    @Flag(name: .customLong("password-stdin"), help: "Read the password from the first line of standard input.") var passwordStdin = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        guard let role = OperatorRole(rawValue: role) else { throw ValidationError("--role must be admin, supervisor or operator") }
        let config = try options.load()
        let password = try readPassword()
        if let problem = PasswordRule.problem(password) { throw ValidationError(problem.description) }
        let store = try openStore(config)
        let hash = try await PasswordHasher().hash(password)
        do {
            let created = try await store.createOperator(
                OperatorDraft(login: login, displayName: displayName, role: role, avatarURL: avatarURL, passwordHash: hash),
                by: .shell,
                at: Date()
            )
            print("created \(created.role.rawValue) \(created.login) (id \(created.id))")
        } catch StoreError.conflict {
            throw ValidationError("the login \(login) is taken")
        }
    }

    private func readPassword() throws -> String {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
            return line
        }
        guard let first = getpass("Password: ").map({ String(cString: $0) }), let second = getpass("Repeat: ").map({ String(cString: $0) })
        else { throw ValidationError("no terminal to read the password from; use --password-stdin") }
        guard first == second else { throw ValidationError("the passwords differ") }
        return first
    }
}
