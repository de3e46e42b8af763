import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP server's child channel with one addition: a connection must finish its first request head
/// within the idle timeout.
///
/// Hummingbird starts its idle timer only once the first request head has been parsed, so a
/// connection that never sends a byte, or trickles its head a byte at a time, would hold a slot
/// forever. This closes such a connection when the deadline passes; after the first head, Hummingbird's
/// own idle handling (between requests) and the WebSocket pings take over.
struct FirstRequestDeadlineChannel: ServerChildChannel {
    let base: HTTP1WebSocketUpgradeChannel
    let deadline: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        self.base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(FirstRequestDeadlineHandler(deadline: self.deadline), position: .after(decoder))
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await self.base.handle(value: value, logger: logger)
    }
}

/// Sits right after the HTTP decoder until the first request head arrives; closes the connection if
/// it has not arrived by the deadline.
final class FirstRequestDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let deadline: TimeAmount
    private var closing: Scheduled<Void>?

    init(deadline: TimeAmount) {
        self.deadline = deadline
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        self.closing = context.eventLoop.scheduleTask(in: self.deadline) {
            channel.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.closing?.cancel()
        self.closing = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let isHead: Bool
        if case .head = self.unwrapInboundIn(data) { isHead = true } else { isHead = false }
        context.fireChannelRead(data)
        if isHead {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }
}
