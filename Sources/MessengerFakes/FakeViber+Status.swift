extension FakeViber {
    /// Viber's `status` codes, named as in the REST Bot API's error table.
    ///
    /// Every application error is HTTP 200 with one of these in the body; only `ok` is success.
    public enum Status: Int, Sendable, CaseIterable {
        case ok = 0
        case invalidUrl = 1
        case invalidAuthToken = 2
        case badData = 3
        case missingData = 4
        case receiverNotRegistered = 5
        case receiverNotSubscribed = 6
        case publicAccountBlocked = 7
        case publicAccountNotFound = 8
        case publicAccountSuspended = 9
        case webhookNotSet = 10
        case receiverNoSuitableDevice = 11
        case tooManyRequests = 12
        case apiVersionNotSupported = 13
        case incompatibleWithVersion = 14
        case publicAccountNotAuthorized = 15
        case inchatReplyMessageNotAllowed = 16
        case publicAccountIsNotInline = 17
        case noPublicChat = 18
        case cannotSendBroadcast = 19
        case broadcastNotAllowed = 20
        case unsupportedCountry = 21
        case paymentUnsupported = 22
        case freeMessagesExceeded = 23
        case noBalance = 24

        /// The default `status_message`: the code's name, except where Viber is known to word it otherwise.
        public var defaultMessage: String {
            switch self {
            // Observed in the wild: `notSubscribed` and `Too many requests` rather than the table's names.
            case .receiverNotSubscribed: "notSubscribed"
            case .tooManyRequests: "Too many requests"
            default: String(describing: self)
            }
        }
    }

    /// A non-zero `status` with its `status_message`, as the fake answered or rejected something.
    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        /// `status` code.
        public var status: Int
        /// `status_message`.
        public var message: String

        /// Creates a rejection with an explicit message.
        public init(status: Int, message: String) {
            self.status = status
            self.message = message
        }

        /// Creates a rejection with the code's default message, or a detail appended for validation errors.
        public init(_ status: Status, _ detail: String? = nil) {
            self.status = status.rawValue
            self.message = detail ?? status.defaultMessage
        }

        /// The status as a known code, when it is one.
        public var code: Status? { Status(rawValue: status) }

        public var description: String { "status \(status): \(message)" }
    }
}
