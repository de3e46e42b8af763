// One timeline entry: a client message, a reply, a private note, or a system line.
// Text is always a text node (white-space: pre-wrap keeps line breaks), never markup.

import { h } from '../dom.js';
import { state } from '../state.js';
import { clockTime, fullTime, deliveryLabels } from '../format.js';
import { channelBadge } from './list.js';
import { renderAttachment } from './attachment.js';
import { revisionActions, editedMark, revisionMark } from './message-revision.js';

function authorLabel(message) {
  if (message.authorName) return message.authorName;
  const kind = message.author?.kind;
  if (kind === 'operator') {
    const id = message.author.operatorId;
    return id === state.me?.id ? 'You' : state.operators.get(id)?.displayName ?? 'Operator';
  }
  return { bot: 'Bot', system: 'System' }[kind] ?? null;
}

function deliveryMark(message) {
  const delivery = message.deliveryState;
  if (!delivery || message.direction !== 'out') return null;
  const label = deliveryLabels[delivery] ?? { symbol: '?', text: delivery };
  if (delivery === 'failed') {
    const reason = message.failureReason || 'unknown reason';
    return h('span.delivery.delivery-failed', { title: `Not delivered: ${reason}`, dataset: { state: delivery } }, `⚠ Failed: ${reason}`);
  }
  // A queued reply with a reason is being retried (rate limit, network): say why it waits.
  const title = delivery === 'queued' && message.failureReason ? `Queued, retrying: ${message.failureReason}` : label.text;
  return h(`span.delivery.delivery-${delivery}`, { title, 'aria-label': title, dataset: { state: delivery } }, label.symbol);
}

const sentiments = { positive: { symbol: '☺', text: 'Sounds positive' }, negative: { symbol: '☹', text: 'Sounds negative' } };

function sentimentBadge(message) {
  const tag = message.direction === 'in' ? sentiments[message.sentiment] : null;
  return tag ? h(`span.sentiment.sentiment-${message.sentiment}`, { title: tag.text, 'aria-label': tag.text, dataset: { sentiment: message.sentiment } }, tag.symbol) : null;
}

const holds = { banned: 'from a banned client', flood: 'muted: sent too fast' };

/** A held client message (banned client, flood control) says so: it opened nothing and pinged nobody. */
function holdMark(message) {
  const text = holds[message.hold];
  return text ? h('span.hold-mark.muted', { dataset: { hold: message.hold }, title: 'Stored without notifying anyone' }, text) : null;
}

/** Renders a timeline entry. */
export function renderMessage(message) {
  if (message.direction === 'system' || message.author?.kind === 'system') {
    return h('p.system-line', { dataset: { id: message.id }, title: fullTime(message.createdAt) },
      message.text, h('span.muted', null, ` · ${clockTime(message.createdAt)}`));
  }
  const direction = ['in', 'out', 'note'].includes(message.direction) ? message.direction : 'note';
  // A client's own message needs no name, except in a group, where the member who wrote it is named.
  const author = direction === 'in' ? message.member?.displayName ?? null : authorLabel(message);
  const attachments = message.attachments ?? [];
  const edited = editedMark(message);
  const deleted = message.deletedAt
    ? h('span.deleted-mark', { title: `Deleted from the client's chat ${fullTime(message.deletedAt)}` }, 'deleted')
    : null;
  const bubble = h('div.bubble', null,
    direction === 'note' ? h('span.note-label', null, 'Private note') : null,
    attachments.length ? h('div.attachments', null, attachments.map(renderAttachment)) : null,
    message.text ? h('p.message-text', null, message.text) : null,
    edited?.history,
    h('footer.message-meta', null,
      direction === 'note' ? null : channelBadge(message.channel),
      author ? h('span.message-author', null, author) : null,
      h('time', { datetime: new Date(message.createdAt).toISOString(), title: fullTime(message.createdAt) }, clockTime(message.createdAt)),
      edited?.button,
      deleted,
      revisionMark(message),
      sentimentBadge(message),
      holdMark(message),
      deliveryMark(message)));
  const actions = revisionActions(message, bubble);
  if (actions) bubble.append(actions);
  return h(`article.message.message-${direction}`, { class: message.deletedAt ? 'message-deleted' : null, dataset: { id: message.id } }, bubble);
}
