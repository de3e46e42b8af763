// "Link Telegram": a one-time code the operator sends as `/link CODE` in a staff group (topic mode),
// so their messages in a client's topic become their replies. The code is shown as text only.

import { api } from '../api.js';
import { showError, showToast } from './toast.js';

/** Asks for a code and shows it with the command to send; says so when already linked. */
export async function linkTelegram() {
  try {
    const status = await api.telegramLink();
    const issued = await api.newTelegramLinkCode();
    const prefix = status.linked ? 'Already linked. To link another Telegram account, send' : 'Send';
    // A prompt keeps the command on screen, selected for copying, until the operator closes it.
    window.prompt(`${prefix} this in the staff group within 10 minutes:`, issued.command);
    showToast('Link code issued.');
  } catch (error) {
    showError('Could not get a link code', error);
  }
}
