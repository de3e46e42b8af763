// The client panel's ban control for supervisors and admins: ban with a reason (Enter bans),
// or lift the ban. A banned client's messages are still stored and show under the Banned queue.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { api } from '../api.js';
import { refreshDetail, refreshQueues } from '../inbox.js';
import { showError } from './toast.js';

/** Builds the ban section's content; empty for operators, who may not ban. */
export function renderBan() {
  const box = h('div.ban-box', { id: 'ban-box' });
  const reason = h('input.inline-edit', { id: 'ban-reason', placeholder: 'Reason, e.g. spam', maxlength: '500', 'aria-label': 'Reason for the ban', autocomplete: 'off' });
  const banButton = h('button.button.small', { type: 'button', id: 'ban-button', title: 'Stop this client from opening conversations or pinging anyone' }, 'Ban client');
  const liftButton = h('button.button.small', { type: 'button', id: 'unban-button' }, 'Lift ban');

  const act = async (label, call) => {
    try {
      await call();
      await refreshDetail();
      refreshQueues();
    } catch (error) {
      showError(label, error);
    }
  };
  const ban = () => {
    const text = reason.value.trim();
    if (!text) { reason.focus(); return; }
    act('The client was not banned', () => api.banContact(state.detail.contact.id, text)).then(() => { reason.value = ''; });
  };
  banButton.addEventListener('click', ban);
  reason.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') { event.preventDefault(); ban(); }
    if (event.key === 'Escape') { reason.value = ''; reason.blur(); }
  });
  liftButton.addEventListener('click', () => act('The ban was not lifted', () => api.unbanContact(state.detail.contact.id)));

  const render = () => {
    const detail = state.detail;
    const supervisor = ['admin', 'supervisor'].includes(state.me?.role);
    if (!detail) return replace(box);
    const banned = detail.ban;
    if (banned) {
      return replace(box, h('p.ban-state', { id: 'ban-state', role: 'note' }, `Banned by ${banned.bannedBy}: ${banned.reason}`),
        supervisor ? liftButton : null);
    }
    replace(box, supervisor ? h('div.merge-row', null, reason, banButton) : h('span.muted', null, 'Not banned'));
  };
  on('detail', render);
  return box;
}
