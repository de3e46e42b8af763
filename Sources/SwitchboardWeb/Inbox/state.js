// The inbox's in-memory state and the small pub/sub views listen to. Mutations go through
// the functions here so every change announces itself on a topic; views re-render only
// the part a topic names (a row, the header, one message), never the whole page.

const listeners = new Map();

/** Subscribes to a topic; returns the unsubscribe function. */
export function on(topic, listener) {
  if (!listeners.has(topic)) listeners.set(topic, new Set());
  listeners.get(topic).add(listener);
  return () => listeners.get(topic).delete(listener);
}

/** Announces a change. */
export function emit(topic, payload) {
  for (const listener of listeners.get(topic) ?? []) listener(payload);
}

export const state = {
  /** The signed-in operator. */
  me: null,
  /** Operators by id (names for assignees and authors). */
  operators: new Map(),
  queues: { mine: null, unassigned: null, all: null, resolved: null, banned: null },
  filter: 'all',
  /** Only conversations with this label (on them or their contact); empty for all. */
  label: '',
  /** The identity the operator picked to reply through; null answers where the client last wrote. */
  replyIdentityID: null,
  /** The visible conversation list: ordered ids + summaries. */
  list: { ids: [], byId: new Map(), nextCursor: null, complete: false, loading: false, generation: 0 },
  selectedId: null,
  /** ConversationDetail of the selected conversation. */
  detail: null,
  /** The selected client's history, oldest first. */
  timeline: { messages: [], byId: new Map(), nextCursor: null, loading: false, complete: false },
  canned: [],
  /** conversationID → time until which the client shows as typing. */
  typing: new Map(),
  streamStatus: 'connecting',
};

/** Whether a conversation belongs in the list under the current filter. */
export function matchesFilter(summary, filter = state.filter) {
  const resolved = summary.status === 'resolved';
  // Only the server knows a summary's ban: the Banned list keeps what its pages brought and adds nothing live.
  if (filter === 'banned') return state.list.byId.has(summary.id);
  switch (filter) {
    case 'mine':
      return !resolved && summary.assignee?.id === state.me?.id;
    case 'unassigned':
      return !resolved && !summary.assignee;
    case 'resolved':
      return resolved;
    default:
      return !resolved;
  }
}

/** Replaces the list with a first page. */
export function resetList(filter) {
  state.filter = filter;
  state.list = { ids: [], byId: new Map(), nextCursor: null, complete: false, loading: false, generation: state.list.generation + 1 };
  emit('list');
}

/** Appends a page (dropping ids already shown: a live event may have inserted them first). */
export function appendPage(items, nextCursor) {
  const added = [];
  for (const summary of items) {
    if (state.list.byId.has(summary.id)) continue;
    state.list.byId.set(summary.id, summary);
    state.list.ids.push(summary.id);
    added.push(summary.id);
  }
  state.list.nextCursor = nextCursor;
  state.list.complete = nextCursor === null;
  emit('list:append', added);
}

/**
 * Stores a newer version of a conversation summary and keeps the list consistent:
 * inserts it at the top when it now matches the filter, removes it when it no longer does.
 * @param {boolean} toTop move it to the top (a new message arrived)
 */
export function upsertSummary(summary, { toTop = false } = {}) {
  const shown = state.list.byId.has(summary.id);
  if (state.detail?.id === summary.id) {
    state.detail = { ...state.detail, ...summary, contact: { ...state.detail.contact, ...summary.contact } };
    emit('detail');
  }
  if (!matchesFilter(summary)) {
    if (shown) removeFromList(summary.id);
    return;
  }
  state.list.byId.set(summary.id, summary);
  if (!shown || toTop) {
    state.list.ids = [summary.id, ...state.list.ids.filter((id) => id !== summary.id)];
    emit('list:move', summary.id);
  } else {
    emit('list:row', summary.id);
  }
}

/** Changes a summary in place (if known) and republishes it. */
export function patchSummary(id, change, options) {
  const current = state.list.byId.get(id) ?? (state.detail?.id === id ? state.detail : null);
  if (!current) return false;
  upsertSummary({ ...current, ...change(current) }, options);
  return true;
}

function removeFromList(id) {
  state.list.byId.delete(id);
  state.list.ids = state.list.ids.filter((other) => other !== id);
  emit('list:remove', id);
}

/** Starts a fresh timeline for the selected conversation. */
export function resetTimeline() {
  state.timeline = { messages: [], byId: new Map(), nextCursor: null, loading: false, complete: false };
  emit('timeline');
}

/** Adds an older page (given newest first, as the API pages it) above what is shown. */
export function prependOlder(itemsNewestFirst, nextCursor) {
  const older = itemsNewestFirst.filter((message) => !state.timeline.byId.has(message.id)).reverse();
  for (const message of older) state.timeline.byId.set(message.id, message);
  state.timeline.messages = [...older, ...state.timeline.messages];
  state.timeline.nextCursor = nextCursor;
  state.timeline.complete = nextCursor === null;
  emit('timeline:prepend', older);
}

const deliveryRank = { queued: 0, sent: 1, delivered: 2, seen: 3, failed: 4 };

/** Adds or updates one message at the bottom of the timeline. */
export function upsertMessage(message) {
  const existing = state.timeline.byId.get(message.id);
  if (existing) {
    // A POST answer can arrive after the stream already reported "sent": never step a tick back.
    const stale = (deliveryRank[message.deliveryState] ?? -1) < (deliveryRank[existing.deliveryState] ?? -1);
    Object.assign(existing, message, stale ? { deliveryState: existing.deliveryState, failureReason: existing.failureReason } : {});
    emit('timeline:update', existing);
    return;
  }
  state.timeline.byId.set(message.id, message);
  state.timeline.messages.push(message);
  emit('timeline:append', message);
}

/** Total "client wrote last" count the tab title shows: my conversations plus unassigned ones. */
export function unreadCount() {
  return (state.queues.mine?.awaitingReply ?? 0) + (state.queues.unassigned?.awaitingReply ?? 0);
}
