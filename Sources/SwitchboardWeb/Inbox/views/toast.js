// Short-lived messages at the bottom of the screen for failed actions.

import { h } from '../dom.js';

let region = null;

function ensureRegion() {
  if (region?.isConnected) return region;
  region = h('div.toasts', { role: 'status', 'aria-live': 'polite' });
  document.body.append(region);
  return region;
}

/** Shows `label` with the API's explanation, for a few seconds. */
export function showError(label, error) {
  const detail = error?.code === 'network' ? 'The server cannot be reached.' : error?.message;
  showToast(detail ? `${label}: ${detail}` : label, 'error');
}

/** Shows a neutral message for a few seconds. */
export function showToast(text, tone = 'info') {
  const toast = h(`div.toast.${tone}`, null, text);
  ensureRegion().append(toast);
  setTimeout(() => toast.remove(), tone === 'error' ? 6000 : 3000);
}
