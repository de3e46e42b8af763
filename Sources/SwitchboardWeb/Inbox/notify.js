// Attention: the unread count in the tab title, and the opt-in sound and desktop
// notification for new conversations (off until the operator asks for it).

import { on, unreadCount } from './state.js';

const PREFERENCE = 'switchboard.notify';

/** Keeps `document.title` as "(3) Switchboard". */
export function watchTitle() {
  const update = () => {
    const count = unreadCount();
    document.title = count > 0 ? `(${count}) Switchboard` : 'Switchboard';
  };
  on('queues', update);
  update();
}

/** Whether the operator switched notifications on. */
export function notificationsEnabled() {
  return localStorage.getItem(PREFERENCE) === 'on';
}

/**
 * Toggles notifications; switching on asks the browser for permission (it must happen on a click).
 * @returns {Promise<boolean>} the new setting
 */
export async function toggleNotifications() {
  if (notificationsEnabled()) {
    localStorage.setItem(PREFERENCE, 'off');
    return false;
  }
  if ('Notification' in window && Notification.permission === 'default') {
    await Notification.requestPermission();
  }
  localStorage.setItem(PREFERENCE, 'on');
  chime();
  return true;
}

/** Rings and, when the tab is in the background, shows a desktop notification. */
export function notifyNewConversation(event) {
  // A replay after a long disconnect would otherwise ring for every old conversation.
  if (!notificationsEnabled() || Date.now() - (event.occurredAt ?? 0) > 60_000) return;
  chime();
  if (document.visibilityState === 'visible' || !('Notification' in window) || Notification.permission !== 'granted') return;
  const notification = new Notification('New conversation', {
    body: 'A client is waiting in Switchboard.',
    tag: `conversation-${event.conversationID}`,
    icon: '/inbox/favicon.svg',
  });
  notification.addEventListener('click', () => {
    window.focus();
    if (event.conversationID) location.hash = `#c${event.conversationID}`;
  });
}

let audio = null;

/** A short two-note chime made with WebAudio: no sound file to ship. */
function chime() {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    [660, 880].forEach((frequency, index) => {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + index * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.08, start + index * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.12 + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start + index * 0.12);
      oscillator.stop(start + index * 0.12 + 0.3);
    });
  } catch {
    // Sound is a nicety; a browser without WebAudio just stays quiet.
  }
}
