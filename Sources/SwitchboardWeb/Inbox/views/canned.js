// Canned replies: "/" at the start of the composer opens a fuzzy picker over shortcut and
// title; picking one fills the composer with its body, placeholders filled in.

import { h } from '../dom.js';
import { api } from '../api.js';
import { state } from '../state.js';
import { rankReplies } from '../fuzzy.js';
import { fillPlaceholders } from '../format.js';
import { openPicker, pickerOpen } from './popover.js';

let picker = null;
let lastQuery = '';

/** The search text when the composer holds only "/query" (one line), else null. */
export function cannedQuery(value) {
  const match = /^\/([^\n]{0,60})$/.exec(value);
  return match ? match[1] : null;
}

/** Loads the canned replies (shared and mine). */
export async function loadCannedReplies() {
  const { items } = await api.cannedReplies();
  state.canned = items;
}

/** Opens or refreshes the picker for `query` under the composer input. */
export function showCannedPicker(input, query) {
  lastQuery = query;
  if (!pickerOpen() || !picker) {
    picker = openPicker({ anchor: input, id: 'canned-picker', label: 'Canned replies', className: 'canned', onClose: () => { picker = null; } });
    // Replies may have been added since sign-in (by a supervisor or another tab): refresh quietly.
    const current = picker;
    loadCannedReplies().then(() => current === picker && render(input)).catch(() => {});
  }
  render(input);
}

/** Lets the open picker handle arrows, Enter, Tab and Esc; true when it did. */
export function cannedKey(event) {
  return picker ? picker.key(event) : false;
}

function render(input) {
  picker.show(rankReplies(state.canned, lastQuery).slice(0, 8), (reply) => [
    h('span.picker-shortcut', null, `/${reply.shortcut}`),
    h('span.picker-title', null, reply.title),
    h('span.picker-meta.muted', null, reply.body),
  ], (reply) => {
    input.value = fillPlaceholders(reply.body, { contact: state.detail?.contact, operator: state.me, context: state.detail?.context });
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.dispatchEvent(new Event('input'));
  });
}
