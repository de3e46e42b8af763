// Sends a map point or a contact card to a Telegram client: a small panel under the composer.
// It lives inside the composer's form, so its buttons are plain buttons and Enter sends the
// panel's own item, never the reply being typed.

import { h } from '../dom.js';
import { state, on } from '../state.js';
import { shareItem } from '../inbox.js';
import { icon } from '../icons.js';

/** The button that opens the panel, and the panel. */
export function renderShareControl() {
  const button = h('button.icon-button', {
    type: 'button', id: 'share-button', title: 'Send a location or a contact (Telegram)',
    'aria-label': 'Send a location or a contact', 'aria-expanded': 'false', 'aria-controls': 'share-panel',
  }, icon('pin'));
  const field = (id, label, attributes) => h('label.share-field', { for: id }, label, h('input', { id, ...attributes }));
  const latitude = field('share-latitude', 'Latitude', { type: 'number', step: 'any', min: '-90', max: '90' });
  const longitude = field('share-longitude', 'Longitude', { type: 'number', step: 'any', min: '-180', max: '180' });
  const firstName = field('share-first-name', 'First name', { type: 'text', maxlength: '64' });
  const lastName = field('share-last-name', 'Last name', { type: 'text', maxlength: '64' });
  const phone = field('share-phone', 'Phone', { type: 'tel', maxlength: '32' });
  const sendLocation = h('button.button', { type: 'button', id: 'share-send-location' }, 'Send location');
  const sendContact = h('button.button', { type: 'button', id: 'share-send-contact' }, 'Send contact');
  const panel = h('div.share-panel.hidden', { id: 'share-panel', role: 'group', 'aria-label': 'Location or contact' },
    h('div.share-row', null, latitude, longitude, sendLocation),
    h('div.share-row', null, firstName, lastName, phone, sendContact));
  const value = (label) => label.querySelector('input').value.trim();

  const toggle = (open) => {
    panel.classList.toggle('hidden', !open);
    button.setAttribute('aria-expanded', String(open));
    if (open) latitude.querySelector('input').focus();
  };
  const clear = (...labels) => { for (const label of labels) label.querySelector('input').value = ''; };
  const shareLocation = async () => {
    if (value(latitude) === '' || value(longitude) === '') return;
    const sent = await shareItem({ location: { latitude: Number(value(latitude)), longitude: Number(value(longitude)) } });
    if (sent) { clear(latitude, longitude); toggle(false); }
  };
  const shareContact = async () => {
    if (value(firstName) === '' || value(phone) === '') return;
    const contact = { firstName: value(firstName), phone: value(phone), ...(value(lastName) ? { lastName: value(lastName) } : {}) };
    if (await shareItem({ contact })) { clear(firstName, lastName, phone); toggle(false); }
  };
  button.addEventListener('click', () => toggle(panel.classList.contains('hidden')));
  sendLocation.addEventListener('click', shareLocation);
  sendContact.addEventListener('click', shareContact);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { toggle(false); button.focus(); event.stopPropagation(); return; }
    if (event.key !== 'Enter') return;
    // Enter in a field would submit the composer's form: send this row's item instead.
    event.preventDefault();
    if (event.target.closest('.share-row') === sendLocation.parentElement) shareLocation(); else shareContact();
  });
  // Only Telegram clients receive locations and contacts (the API refuses them for Viber).
  on('detail', () => {
    const telegram = state.detail?.channel?.kind === 'telegram';
    button.classList.toggle('hidden', !telegram);
    if (!telegram) toggle(false);
  });
  on('select', () => toggle(false));
  return { button, panel };
}
