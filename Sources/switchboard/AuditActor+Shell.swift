import Foundation
import SwitchboardCore

extension AuditActor {
    /// The person running this command, as the audit log names them.
    static var shell: AuditActor { .cli(user: ProcessInfo.processInfo.environment["USER"]) }
}
