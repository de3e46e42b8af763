// Applies live stream events to the state, so the list and the open conversation follow
// what happens without a reload. Every handler is idempotent: a replay after a reconnect
// may repeat what a REST answer already showed.

import { api } from './api.js';
import { state, emit, patchSummary, upsertSummary, upsertMessage, matchesFilter } from './state.js';
import { refreshQueues, applyContact, refreshDetail } from './inbox.js';
import { notifyNewConversation } from './notify.js';

const handlers = {
  'message.created': messageCreated,
  'message.edited': messageRevised,
  'message.deleted': messageRevised,
  'message.revision_delivery': revisionDelivery,
  'message.attachments_updated': attachmentsUpdated,
  'message.delivery': messageDelivery,
  'conversation.opened': conversationOpened,
  'conversation.status_changed': statusChanged,
  'conversation.assigned': assigned,
  'conversation.context_set': contextSet,
  'conversation.escalated': (event) => patchSummary(event.conversationID, () => ({ escalated: true })),
  'conversation.department_changed': departmentChanged,
  'operator.presence_changed': presenceChanged,
  'contact.merged': contactsRegrouped,
  'contact.unmerged': contactsRegrouped,
  'labels.changed': labelsChanged,
  'conversation.feedback': feedbackChanged,
  // The server leaves out null keys: a full Contact without preferredName means it was cleared.
  'contact.updated': (event) => applyContact({ preferredName: null, ...event.data }),
};

/** Applies one `{"type":"event"}` frame. */
export function applyEvent(event) {
  handlers[event.kind]?.(event);
}

/** Marks the client of a conversation as typing for a few seconds. */
export function applyTyping(conversationID) {
  state.typing.set(conversationID, Date.now() + 5000);
  emit('typing', conversationID);
  setTimeout(() => emit('typing', conversationID), 5100);
}

/** Whether a conversation's messages belong in the open timeline (one history per client). */
function inOpenTimeline(event) {
  const detail = state.detail;
  if (!detail) return false;
  if (event.contactID !== null && event.contactID !== undefined) return event.contactID === detail.contact?.id;
  return event.conversationID === detail.id || (detail.previousConversations ?? []).some((c) => c.id === event.conversationID);
}

/** The channel a conversation came through, from what is already loaded. */
function channelOf(conversationID) {
  const known = state.list.byId.get(conversationID) ?? (state.detail?.id === conversationID ? state.detail : null)
    ?? state.detail?.previousConversations?.find((c) => c.id === conversationID);
  return known?.channel ?? state.detail?.channel ?? null;
}

/** The stream carries attachments as stored; the REST shape adds the URL a stored file is served at. */
function withMediaURLs(message) {
  const attachments = (message.attachments ?? []).map((attachment) =>
    attachment.url || !attachment.storedPath ? attachment : { ...attachment, url: `/api/v1/media/${attachment.storedPath}` });
  return { ...message, attachments };
}

/** Turns an event's Message into the TimelineMessage shape the history API returns. */
function timelineMessage(message) {
  const operatorId = message.author?.operatorId;
  return {
    ...withMediaURLs(message),
    channel: channelOf(message.conversationID),
    // A group member's name heads their message; the group is the client.
    authorName: operatorId ? state.operators.get(operatorId)?.displayName ?? null : message.member?.displayName ?? null,
  };
}

const pendingSummaries = new Set();

/** Fetches a conversation the list does not know yet and puts it on top if it belongs there. */
async function fetchSummary(id) {
  if (pendingSummaries.has(id)) return;
  pendingSummaries.add(id);
  try {
    const detail = await api.conversation(id);
    if (matchesFilter(detail)) upsertSummary(detail, { toTop: true });
  } catch (error) {
    console.warn('switchboard: conversation', id, error);
  } finally {
    pendingSummaries.delete(id);
  }
}

/**
 * A message an API key posted is signed with the key's bot name, which only the timeline API knows:
 * read the newest entries once and take the name from there.
 */
async function nameBotMessage(message) {
  try {
    const { items } = await api.messages(message.conversationID, undefined, 5);
    const named = items.find((entry) => entry.id === message.id);
    if (named?.authorName) upsertMessage({ ...timelineMessage(message), authorName: named.authorName });
  } catch (error) {
    console.warn('switchboard: bot message name', message.id, error);
  }
}

function messageCreated(event) {
  const message = event.data;
  // Automatic messages, and a banned or flooding client's held messages, show in the timeline but never
  // become the list's preview, move a conversation or ping anyone.
  if (message.author?.kind === 'bot' || message.hold) {
    if (inOpenTimeline(event)) {
      upsertMessage(timelineMessage(message));
      if (!message.hold) nameBotMessage(message);
    }
    return;
  }
  const preview = { id: message.id, direction: message.direction, text: message.text, createdAt: message.createdAt };
  const changed = patchSummary(message.conversationID, (summary) => ({
    lastMessage: preview,
    lastMessageAt: Math.max(summary.lastMessageAt ?? 0, message.createdAt),
    awaitingReply: message.direction === 'in' ? true : message.direction === 'out' ? false : summary.awaitingReply,
    sentiment: countSentiment(summary, message),
  }), { toTop: message.direction !== 'note' });
  if (!changed) fetchSummary(message.conversationID);
  if (inOpenTimeline(event)) upsertMessage(timelineMessage(message));
  refreshQueues();
}

/** Adds a tagged client message to a conversation's counts. */
function countSentiment(summary, message) {
  const counts = summary.sentiment ?? { positive: 0, negative: 0 };
  // A replay after a reconnect repeats messages the summary already counted.
  const seen = summary.lastMessage && message.id <= summary.lastMessage.id;
  if (message.direction !== 'in' || !message.sentiment || seen) return counts;
  return { ...counts, [message.sentiment]: (counts[message.sentiment] ?? 0) + 1 };
}

/** Keeps presence dots current; my own change (a timeout, another tab) updates my status control. */
function presenceChanged(event) {
  const { operatorID, status } = event.data;
  const known = state.operators.get(operatorID);
  if (known) state.operators.set(operatorID, { ...known, status });
  if (operatorID === state.me?.id) emit('presence:me', status);
}

function departmentChanged(event) {
  const { conversationID, to } = event.data;
  patchSummary(conversationID, () => ({ departmentID: to }));
  systemLine(event, event.data.note ? `Moved to another department: ${event.data.note}` : 'Moved to another department');
  refreshQueues();
}

/** An edit (the client's or an operator's) or a deletion: the message changes in place. */
function messageRevised(event) {
  const existing = state.timeline.byId.get(event.data.id);
  if (!existing) return;
  const { revision, ...message } = event.data;
  // Only an operator's revision has a state on its way to the messenger; a client's edit happened there.
  const status = revision?.state ? { kind: revision.kind, state: revision.state } : existing.revision;
  upsertMessage({
    ...existing, ...message, attachments: existing.attachments, channel: existing.channel, authorName: existing.authorName, revision: status,
  });
}

/** An operator's edit or deletion reached the messenger, waits for a retry, or failed. */
function revisionDelivery(event) {
  const { messageID, kind, state: revisionState, reason } = event.data;
  const existing = state.timeline.byId.get(messageID ?? event.messageID);
  if (existing) upsertMessage({ ...existing, revision: { kind, state: revisionState, reason: reason ?? null } });
}

/** A download settled, or another item of a client's album joined the message (its caption joins the text). */
function attachmentsUpdated(event) {
  const existing = state.timeline.byId.get(event.data.id);
  if (existing) upsertMessage({ ...existing, text: event.data.text ?? existing.text, attachments: withMediaURLs(event.data).attachments });
}

function messageDelivery(event) {
  const { messageID, state: delivery, reason } = event.data;
  const existing = state.timeline.byId.get(messageID ?? event.messageID);
  if (existing) upsertMessage({ ...existing, deliveryState: delivery, failureReason: reason ?? null });
}

function conversationOpened(event) {
  const id = event.data?.id ?? event.conversationID;
  if (!state.list.byId.has(id)) fetchSummary(id);
  notifyNewConversation(event);
  refreshQueues();
}

function statusChanged(event) {
  const { conversationID, to, reopened } = event.data;
  if (!patchSummary(conversationID, () => ({ status: to })) && matchesFilter({ status: to, assignee: null })) {
    fetchSummary(conversationID);
  }
  const verb = { resolved: 'Resolved', pending: 'Marked pending', open: reopened ? 'Reopened' : 'Opened' }[to] ?? to;
  systemLine(event, verb);
  refreshQueues();
}

function assigned(event) {
  const { conversationID, to, byOperatorID } = event.data;
  const operator = to ? state.operators.get(to) : null;
  const assignee = to ? { id: to, displayName: operator?.displayName ?? `Operator ${to}` } : null;
  if (!patchSummary(conversationID, () => ({ assignee })) && to === state.me?.id) fetchSummary(conversationID);
  const by = state.operators.get(byOperatorID)?.displayName;
  const text = !assignee ? 'Unassigned'
    : byOperatorID === to ? `${assignee.displayName} took the conversation`
    : `Assigned to ${assignee.displayName}${by ? ` by ${by}` : ''}`;
  systemLine(event, text);
  refreshQueues();
}

/** The client answered a feedback question: the open conversation's panel shows it at once. */
function feedbackChanged(event) {
  if (state.detail?.id !== event.conversationID) return;
  state.detail = { ...state.detail, feedback: event.data };
  emit('detail');
}

function contextSet(event) {
  const contextKey = event.data?.contextKey ?? event.data?.key ?? null;
  if (contextKey) patchSummary(event.conversationID, () => ({ contextKey }));
  // The pinned data (or the "missing" marker) comes with the details, not the event.
  if (contextKey && event.conversationID === state.selectedId) refreshDetail();
}

/** Clients were merged or split: list rows change names, the open client's history and identities change. */
function contactsRegrouped(event) {
  const touched = [event.data?.targetID, event.data?.sourceID];
  for (const summary of state.list.byId.values()) {
    if (touched.includes(summary.contact?.id)) fetchSummary(summary.id);
  }
  const open = state.detail?.contact?.id;
  if (open !== undefined && (open === event.data?.targetID || open === event.data?.sourceID)) refreshDetail();
}

/** Labels of the open conversation or its client changed. */
function labelsChanged(event) {
  const detail = state.detail;
  if (!detail) return;
  if (event.data?.conversationID === state.selectedId) state.detail = { ...detail, labels: event.data.labels };
  else if (event.data?.contactID === detail.contact?.id) state.detail = { ...detail, contactLabels: event.data.labels };
  else return;
  emit('detail');
}

/** A small centered line in the open timeline for a status or assignment change. */
function systemLine(event, text) {
  if (!inOpenTimeline(event)) return;
  upsertMessage({
    id: `event-${event.seq}`,
    conversationID: event.conversationID,
    direction: 'system',
    author: { kind: 'system' },
    text,
    attachments: [],
    createdAt: event.occurredAt,
  });
}
