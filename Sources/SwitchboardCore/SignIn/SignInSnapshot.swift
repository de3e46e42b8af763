public import Foundation

/// What the sign-in rules decide on: the attempt's keys and the times of their recent marks.
public struct SignInSnapshot: Sendable, Equatable {
    /// The keys the attempt touches.
    public let keys: SignInKeys
    private var times: [SignInKey: [Date]] = [:]

    /// A snapshot of `keys` holding `marks` (marks of other keys are ignored).
    public init(keys: SignInKeys, marks: [SignInMark]) {
        self.keys = keys
        let wanted = Set(keys.all)
        for mark in marks where wanted.contains(mark.key) {
            times[mark.key, default: []].append(mark.at)
        }
    }

    /// The mark times of `key`, oldest first.
    func times(of key: SignInKey) -> [Date] {
        (times[key] ?? []).sorted()
    }
}

/// What to write after a sign-in decision: marks to add, single marks to take back, keys to forget,
/// and the age past which every mark goes, so the shared table stays bounded.
public struct SignInChanges: Sendable, Equatable {
    /// New marks.
    public var add: [SignInMark] = []
    /// Marks to take back, one row each (a released reservation).
    public var remove: [SignInMark] = []
    /// Keys whose every mark goes.
    public var clear: [SignInKey] = []
    /// Marks of any key made before this no longer count and are deleted.
    public var pruneBefore: Date

    /// Creates changes.
    public init(add: [SignInMark] = [], remove: [SignInMark] = [], clear: [SignInKey] = [], pruneBefore: Date) {
        self.add = add
        self.remove = remove
        self.clear = clear
        self.pruneBefore = pruneBefore
    }
}
