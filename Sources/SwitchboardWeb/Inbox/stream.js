// The live stream: one WebSocket to /api/v1/stream. It remembers the last event seq and
// reconnects with `?after=<seq>`, so the server replays exactly what was missed while away.
// When that is too far back (or what the operator may see changed) the server sends a reset
// frame instead, and the inbox reloads its lists.

const MIN_DELAY = 500;
const MAX_DELAY = 15_000;
const TYPING_INTERVAL = 4_000;
// Close codes the server uses (see the stream section of the README).
const SIGNED_OUT = 4401;
const TOO_MANY_STREAMS = 4429;

export class Stream {
  /**
   * @param {object} handlers
   * @param {(event: object) => void} handlers.onEvent a committed event, in seq order, at most once
   * @param {(conversationID: number) => void} handlers.onTyping the client types (no seq)
   * @param {() => void} handlers.onReset events were skipped: reload every list from the API
   * @param {() => void} handlers.onSignedOut the session behind the stream ended
   * @param {(status: 'connecting'|'live'|'offline') => void} handlers.onStatus connection state for the UI
   */
  constructor({ onEvent, onTyping, onStatus, onReset, onSignedOut }) {
    this.onEvent = onEvent;
    this.onTyping = onTyping;
    this.onReset = onReset;
    this.onSignedOut = onSignedOut;
    this.onStatus = onStatus;
    this.lastSeq = null;
    this.socket = null;
    this.delay = MIN_DELAY;
    this.timer = null;
    this.stopped = true;
    this.lastTypingSent = new Map();
  }

  /** Connects; with a seq, replays everything after it first. */
  start(afterSeq = null) {
    this.lastSeq = afterSeq;
    this.stopped = false;
    this.connect();
  }

  /** Closes for good (sign-out). */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000);
    this.socket = null;
  }

  /** Tells the server the operator types in a conversation, at most once per 4 s per conversation. */
  sendTyping(conversationID) {
    const now = Date.now();
    if (now - (this.lastTypingSent.get(conversationID) ?? 0) < TYPING_INTERVAL) return;
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.lastTypingSent.set(conversationID, now);
    this.socket.send(JSON.stringify({ type: 'typing', conversationID }));
  }

  connect() {
    this.onStatus('connecting');
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const after = this.lastSeq === null ? '' : `?after=${encodeURIComponent(this.lastSeq)}`;
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/stream${after}`);
    this.socket = socket;
    socket.addEventListener('message', (message) => this.receive(message.data));
    socket.addEventListener('close', (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.onStatus('offline');
      if (event.code === SIGNED_OUT) {
        this.stopped = true;
        this.onSignedOut();
        return;
      }
      // Another tab holds the last free stream: wait as long as the backoff allows before asking again.
      if (event.code === TOO_MANY_STREAMS) this.delay = MAX_DELAY;
      if (!this.stopped) this.scheduleReconnect();
    });
  }

  scheduleReconnect() {
    clearTimeout(this.timer);
    // Jitter keeps a room full of inboxes from reconnecting in lockstep after a server restart.
    const wait = this.delay * (0.8 + Math.random() * 0.4);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
    this.timer = setTimeout(() => this.connect(), wait);
  }

  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.type === 'hello') {
      this.delay = MIN_DELAY;
      if (this.lastSeq === null) this.lastSeq = frame.latestSeq;
      this.onStatus('live');
    } else if (frame.type === 'event') {
      // A replay can overlap what was already applied; seq makes applying idempotent.
      if (this.lastSeq !== null && frame.seq <= this.lastSeq) return;
      this.lastSeq = frame.seq;
      try {
        this.onEvent(frame);
      } catch (error) {
        console.error('switchboard: applying event failed', frame.kind, error);
      }
    } else if (frame.type === 'reset') {
      // What was missed is not replayed: continue after the server's seq and reload the lists.
      this.lastSeq = frame.latestSeq;
      this.onReset();
    } else if (frame.type === 'typing') {
      this.onTyping(frame.conversationID);
    }
  }
}
