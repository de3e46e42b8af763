// Settings → Audit log: every administrative change, newest first: who, when (local time), what,
// and each changed field as before → after. Filtered by action prefix and by who; "Older" pages on.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { errorLine, field, localTime, sectionHead, select, showFailure } from './settings-form.js';

/** Action prefixes offered in the filter; the field accepts any prefix. */
const prefixes = ['operator.', 'department.', 'canned_reply.', 'automation.', 'routing.', 'channel.', 'api_key.'];
const actorKinds = { operator: null, cli: 'command line', manifest: 'channel manifest', system: 'Switchboard', api_key: 'API key' };

export const auditSection = {
  key: 'audit',
  title: 'Audit log',
  render() {
    const action = h('input', { id: 'audit-action', type: 'search', list: 'audit-actions', placeholder: 'e.g. operator.', autocomplete: 'off' });
    const actor = select({ id: 'audit-actor' }, [['', 'Anyone']], '');
    const rows = h('tbody', { id: 'audit-rows' });
    const error = errorLine('audit-error');
    const older = h('button.button', { type: 'button', id: 'audit-older', hidden: true }, 'Older');
    let next = null;
    let generation = 0;
    const load = async (reset) => {
      const mine = reset ? ++generation : generation;
      error.hidden = true;
      older.disabled = true;
      try {
        const page = await api.audit({ action: action.value.trim(), actor: actor.value, before: reset ? null : next });
        if (mine !== generation) return;
        if (reset) replace(rows);
        rows.append(...page.items.map(renderEntry));
        if (reset && page.items.length === 0) rows.append(h('tr', null, h('td.muted', { colspan: 4 }, 'Nothing recorded matches.')));
        next = page.nextBefore ?? null;
        older.hidden = next === null;
      } catch (failure) {
        showFailure(error, failure);
      } finally {
        older.disabled = false;
      }
    };
    older.addEventListener('click', () => load(false));
    const filters = h('form.audit-filters', { id: 'audit-filters' },
      field('Action starts with', action), h('datalist', { id: 'audit-actions' }, prefixes.map((value) => h('option', { value }))),
      field('Who', actor),
      h('button.button', { type: 'submit', id: 'audit-apply' }, 'Show'));
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      load(true);
    });
    actor.addEventListener('change', () => load(true));
    api.adminOperators().then(({ items }) => {
      actor.append(...items.map((account) => h('option', { value: account.id }, `${account.displayName} (${account.login})`)));
    }).catch(() => {});
    load(true);
    return h('div.settings-section', null,
      sectionHead('Audit log', 'Every change made by admins, the command line and channel manifests, newest first.'),
      filters, error,
      h('table.audit-table', { id: 'audit-table' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Who'),
          h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'Changes'))),
        rows),
      h('div.audit-more', null, older));
  },
};

function renderEntry(entry) {
  const kind = actorKinds[entry.actor?.kind];
  return h('tr.audit-entry', { dataset: { action: entry.action, id: entry.id } },
    h('td.audit-when', null, localTime(entry.at)),
    h('td.audit-who', null, entry.actor?.name ?? '', kind ? h('span.muted', null, ` (${kind})`) : null),
    h('td.audit-what', null, h('code', null, entry.action), h('div.muted', null, entry.target ?? '')),
    h('td.audit-changes', null, renderChanges(entry.changes ?? {})));
}

function renderChanges(changes) {
  const fields = Object.entries(changes);
  if (fields.length === 0) return h('span.muted', null, '—');
  return h('dl.changes', null, fields.map(([name, { from, to } = {}]) => [
    h('dt', null, name),
    h('dd', null, h('span.change-from', null, shown(from)), ' → ', h('span.change-to', null, shown(to))),
  ]));
}

/** A value of a change as text: absent values as "—", structures as compact JSON. */
function shown(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  return JSON.stringify(value);
}
