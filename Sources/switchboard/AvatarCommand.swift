import Accounts
import ArgumentParser
import Foundation
import SwitchboardApp

/// `switchboard avatar add FILE --name NAME`: publishes an operator avatar or bot logo for Viber.
struct AvatarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avatar",
        abstract: "Publish avatars (JPEG/PNG, at most 100 KB) under SWITCHBOARD_PUBLIC_URL/avatars/ for Viber.",
        subcommands: [AvatarAddCommand.self]
    )
}

/// Copies a checked image into the avatars folder and prints its public URL.
struct AvatarAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Publish one avatar and print its URL.")

    @Argument(help: "A JPEG or PNG file of at most 100 KB (720×720 recommended).") var file: String
    @Option(help: "Published file name, e.g. maria.jpg; default the file's own name.") var name: String?
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw ValidationError("cannot read \(file)")
        }
        do {
            let url = try Avatars.store(
                data,
                name: name ?? URL(fileURLWithPath: file).lastPathComponent,
                mediaDirectory: URL(fileURLWithPath: config.mediaDirectory, isDirectory: true),
                publicURL: config.publicURL
            )
            print(url)
        } catch let refusal as Avatars.Refusal {
            FileHandle.standardError.write(Data("switchboard: \(refusal.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
