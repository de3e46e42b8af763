// The search dialog (Ctrl+K, or the sidebar's Search button): messages, private notes and clients
// the operator may see, narrowed by day range, channel, operator, status and label. Arrows move
// through the results, Enter opens one at its message, Esc closes.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { state } from '../state.js';
import { channelLabel } from '../format.js';
import { openConversationAt } from '../jump.js';
import { renderMessageHit, renderContactHit } from './search-hit.js';

const DEBOUNCE_MS = 200;
const LIMIT = 20;
const statuses = [['', 'Any status'], ['open', 'Open'], ['pending', 'Pending'], ['resolved', 'Resolved']];

let search = null;

/** Opens the search dialog with the last query selected, so typing replaces it. */
export function openSearch() {
  search ??= build();
  if (!search.dialog.open) search.dialog.showModal();
  search.fillChoices();
  search.input.focus();
  search.input.select();
}

/** A local day of an <input type="date"> as the moment it starts, `days` later. */
function dayStart(value, days = 0) {
  if (!value) return null;
  const date = new Date(`${value}T00:00`);
  date.setDate(date.getDate() + days);
  // Whole seconds: the API reads plain ISO 8601 moments, without fractions.
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

function options(select, first, items) {
  const chosen = select.value;
  replace(select, h('option', { value: '' }, first), items.map(([value, text]) => h('option', { value }, text)));
  select.value = items.some(([value]) => String(value) === chosen) ? chosen : '';
}

function build() {
  const input = h('input.search-input', {
    type: 'text', id: 'search-input', placeholder: 'Search messages, notes and clients', autocomplete: 'off',
    role: 'combobox', 'aria-label': 'Search', 'aria-controls': 'search-results', 'aria-expanded': 'true',
  });
  const filters = {
    from: h('input', { type: 'date', id: 'search-from', 'aria-label': 'From day' }),
    to: h('input', { type: 'date', id: 'search-to', 'aria-label': 'To day' }),
    channel: h('select', { id: 'search-channel', 'aria-label': 'Channel' }),
    operator: h('select', { id: 'search-operator', 'aria-label': 'Operator' }),
    status: h('select', { id: 'search-status', 'aria-label': 'Status' }, statuses.map(([value, text]) => h('option', { value }, text))),
    label: h('input', { type: 'text', id: 'search-label', placeholder: 'Label', 'aria-label': 'Label', maxlength: '40' }),
  };
  const results = h('ul.search-results', { id: 'search-results', role: 'listbox', 'aria-label': 'Search results' });
  const summary = h('p.search-summary.muted', { id: 'search-summary', 'aria-live': 'polite' }, 'Type a word, a name, a phone or a @username.');
  const dialog = h('dialog.search-dialog', { id: 'search-dialog', 'aria-label': 'Search' },
    h('div.search-bar', null, input, h('kbd', null, 'Esc')),
    h('div.search-filters', null, filters.from, h('span.muted', null, '–'), filters.to,
      filters.channel, filters.operator, filters.status, filters.label),
    summary, results);
  document.body.append(dialog);

  let timer = null;
  let inFlight = null;
  let hits = [];
  let active = -1;

  const setActive = (index) => {
    if (!hits.length) return;
    active = (index + hits.length) % hits.length;
    hits.forEach((hit, position) => hit.setAttribute('aria-selected', String(position === active)));
    input.setAttribute('aria-activedescendant', hits[active].id);
    hits[active].scrollIntoView({ block: 'nearest' });
  };

  const pick = (hit) => {
    if (!hit) return;
    dialog.close();
    const message = hit.dataset.kind === 'message' ? Number(hit.dataset.message) : null;
    openConversationAt(Number(hit.dataset.conversation), message);
  };

  const show = ({ items, contacts }) => {
    const nodes = [
      ...contacts.map((hit, index) => renderContactHit(hit, `search-hit-c${index}`)),
      ...items.map((hit, index) => renderMessageHit(hit, `search-hit-m${index}`)),
    ];
    replace(results, nodes);
    hits = nodes;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (nodes.length) setActive(0);
    const parts = [];
    if (contacts.length) parts.push(`${contacts.length} ${contacts.length === 1 ? 'client' : 'clients'}`);
    if (items.length) parts.push(`${items.length}${items.length === LIMIT ? '+' : ''} ${items.length === 1 ? 'message' : 'messages'}`);
    summary.textContent = parts.length ? parts.join(', ') : 'Nothing found.';
  };

  const run = async () => {
    inFlight?.abort();
    const q = input.value.trim();
    if (!/[\p{L}\p{N}]/u.test(q)) {
      replace(results);
      hits = [];
      summary.textContent = 'Type a word, a name, a phone or a @username.';
      return;
    }
    const controller = new AbortController();
    inFlight = controller;
    summary.textContent = 'Searching…';
    try {
      const params = {
        q, limit: LIMIT, from: dayStart(filters.from.value), to: dayStart(filters.to.value, 1),
        channel: filters.channel.value, operator: filters.operator.value, status: filters.status.value, label: filters.label.value.trim(),
      };
      show(await api.search(params, { signal: controller.signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      replace(results);
      hits = [];
      summary.textContent = `Search failed: ${error.message}`;
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  };

  input.addEventListener('input', schedule);
  for (const filter of Object.values(filters)) filter.addEventListener('change', schedule);
  filters.label.addEventListener('input', schedule);
  results.addEventListener('click', (event) => pick(event.target.closest('.search-hit')));
  dialog.addEventListener('keydown', (event) => {
    // The inbox's single-key shortcuts must not act on the conversation behind the dialog.
    if (event.key !== 'Escape') event.stopPropagation();
    if (event.target !== input) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(hits[active]);
    }
  });
  // A click on the backdrop (outside the dialog's box) closes it.
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });

  const fillChoices = async () => {
    options(filters.operator, 'Any operator', [...state.operators.values()].map((person) => [person.id, person.displayName]));
    // Supervisors and admins get every channel; operators pick among those of the conversations they see.
    const channels = await api.reportChannels().then(({ items }) => items).catch(() => null)
      ?? [...new Map([...state.list.byId.values()].filter(({ channel }) => channel).map(({ channel }) => [channel.id, channel])).values()];
    options(filters.channel, 'Any channel', channels.map((channel) => [channel.id, `${channel.name} (${channelLabel(channel.kind)})`]));
  };

  return { dialog, input, fillChoices };
}
