// The operator's own status (online / away / offline) in the sidebar head. Reading it every
// minute is also the heartbeat that keeps an open inbox from timing out to offline.

import { h } from '../dom.js';
import { api } from '../api.js';
import { state, emit, on } from '../state.js';
import { showError } from './toast.js';

const labels = { online: 'Online', away: 'Away', offline: 'Offline' };
const heartbeatMs = 60_000;

/** Builds the status control and starts the heartbeat. */
export function renderPresenceControl() {
  const dot = h('span.presence', { 'aria-hidden': 'true' });
  const select = h('select.presence-select', { id: 'presence', 'aria-label': 'My status', title: 'My status: new conversations reach you only when online' },
    Object.entries(labels).map(([value, label]) => h('option', { value }, label)));
  const show = (status) => {
    state.me = { ...state.me, status };
    select.value = status;
    dot.className = `presence presence-${status}`;
    emit('presence', status);
  };
  select.addEventListener('change', async () => {
    const wanted = select.value;
    try {
      show((await api.setPresence(wanted)).status);
    } catch (error) {
      show(state.me.status);
      showError('Could not change your status', error);
    }
  });
  const beat = async () => {
    try {
      show((await api.presence()).status);
    } catch (error) {
      console.warn('switchboard: presence', error);
    }
  };
  show(state.me.status ?? 'offline');
  on('presence:me', show);
  setInterval(() => document.visibilityState === 'visible' && beat(), heartbeatMs);
  return h('label.presence-control', null, dot, select);
}
