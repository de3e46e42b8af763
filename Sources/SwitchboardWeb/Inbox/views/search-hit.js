// One search result: a message or note with its matched words marked, or a contact. Marks are
// built as <mark> elements holding text nodes, so hostile message text stays text.

import { h } from '../dom.js';
import { contactName, fullTime, dayLabel } from '../format.js';
import { channelBadge } from './list.js';

const EXCERPT = 180;

/**
 * The text as nodes, with `ranges` ([start, end) UTF-16 offsets) wrapped in <mark>.
 * Long texts are cut around the first match so it is always in sight.
 */
export function markedText(text, ranges = []) {
  let start = 0;
  let end = text.length;
  if (text.length > EXCERPT) {
    start = Math.max(0, (ranges[0]?.[0] ?? 0) - 40);
    end = Math.min(text.length, start + EXCERPT);
  }
  const nodes = start > 0 ? ['…'] : [];
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    const markFrom = Math.max(from, at);
    const markTo = Math.min(to, end);
    if (markFrom > at) nodes.push(text.slice(at, markFrom));
    nodes.push(h('mark', null, text.slice(markFrom, markTo)));
    at = markTo;
  }
  if (at < end) nodes.push(text.slice(at, end));
  if (end < text.length) nodes.push('…');
  return nodes;
}

/** A message or note hit. */
export function renderMessageHit(hit, id) {
  const message = hit.message;
  const note = message.direction === 'note';
  return h('li.search-hit', {
    id, role: 'option', 'aria-selected': 'false',
    dataset: { kind: 'message', conversation: hit.conversationID, message: message.id },
  },
  h('div.search-hit-head', null,
    h('span.search-hit-who', null, contactName(hit.contact)),
    note ? h('span.note-label', null, 'Private note') : channelBadge(message.channel),
    message.authorName && message.direction !== 'in' ? h('span.muted', null, message.authorName) : null,
    h('time.muted', { datetime: new Date(message.createdAt).toISOString(), title: fullTime(message.createdAt) }, dayLabel(message.createdAt))),
  h('p.search-hit-text', null, markedText(message.text, hit.highlights)));
}

/** A contact hit: picking it opens their newest conversation. */
export function renderContactHit(hit, id) {
  return h('li.search-hit.search-hit-contact', {
    id, role: 'option', 'aria-selected': 'false',
    dataset: { kind: 'contact', conversation: hit.conversationID },
  },
  h('div.search-hit-head', null,
    h('span.badge', null, 'Contact'),
    h('span.search-hit-who', null, markedText(hit.name, hit.nameHighlights))),
  hit.details ? h('p.search-hit-text.muted', null, markedText(hit.details, hit.detailsHighlights)) : null);
}
