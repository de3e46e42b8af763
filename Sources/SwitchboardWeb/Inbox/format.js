// Pure formatting: names, times, placeholders, delivery labels. No DOM here.

/** How to call the client: the preferred form of address first. */
export function contactName(contact) {
  if (!contact) return 'Unknown client';
  return contact.preferredName || contact.displayName || 'Unknown client';
}

/** Short relative time for lists: "now", "5 min", "3 h", "Mon", "12 Mar". */
export function relativeTime(ms, now = Date.now()) {
  if (!ms) return '';
  const seconds = Math.max(0, (now - ms) / 1000);
  if (seconds < 45) return 'now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400 && new Date(ms).getDate() === new Date(now).getDate()) return `${Math.round(seconds / 3600)} h`;
  if (seconds < 6 * 86_400) return new Date(ms).toLocaleDateString(undefined, { weekday: 'short' });
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** Clock time of a message: "14:05". */
export function clockTime(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Full date and time for tooltips. */
export function fullTime(ms) {
  return new Date(ms).toLocaleString();
}

/** The day heading of a timeline section: "Today", "Yesterday", "12 March 2025". */
export function dayLabel(ms, now = Date.now()) {
  const day = new Date(ms).toDateString();
  if (day === new Date(now).toDateString()) return 'Today';
  if (day === new Date(now - 86_400_000).toDateString()) return 'Yesterday';
  return new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Fills `{client_name}`, `{operator_name}` and `{context.path}` (the pinned deep-link data) in a canned reply body. */
export function fillPlaceholders(body, { contact, operator, context }) {
  return body
    .replaceAll('{client_name}', contactName(contact))
    .replaceAll('{operator_name}', operator?.displayName ?? '')
    .replace(/\{context\.([A-Za-z0-9_.-]+)\}/g, (whole, path) => contextValue(context, path) ?? whole);
}

/** A scalar of the pinned context's data at a dotted path, as text; null when absent. */
export function contextValue(context, path) {
  if (context?.status !== 'pinned') return null;
  let value = context.data;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return null;
    value = value[part];
  }
  return ['string', 'number', 'boolean'].includes(typeof value) ? String(value) : null;
}

/** The question that asks the client how to address them, in the client's language when known. */
export function addressQuestion(language) {
  const code = (language || '').slice(0, 2).toLowerCase();
  if (code === 'ru') return 'Подскажите, пожалуйста, как к вам лучше обращаться?';
  if (code === 'uk') return 'Підкажіть, будь ласка, як до вас краще звертатися?';
  return 'How would you like me to address you?';
}

/** A best guess at the language of what the client wrote, when the messenger did not say. */
export function guessLanguage(texts) {
  const sample = texts.join(' ');
  if (/[іїєґІЇЄҐ]/.test(sample)) return 'uk';
  if (/[а-яёА-ЯЁ]/.test(sample)) return 'ru';
  return null;
}

/** Label and symbol for a delivery state. */
export const deliveryLabels = {
  queued: { symbol: '○', text: 'Queued' },
  sent: { symbol: '✓', text: 'Sent' },
  delivered: { symbol: '✓✓', text: 'Delivered' },
  seen: { symbol: '✓✓', text: 'Seen' },
  failed: { symbol: '!', text: 'Failed' },
};

/** Human name of a messenger kind. */
export function channelLabel(kind) {
  return { telegram: 'Telegram', viber: 'Viber' }[kind] ?? kind ?? 'Channel';
}

/** Human-readable byte count. */
export function byteSize(count) {
  if (!Number.isFinite(count)) return '';
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(0)} KB`;
  return `${(count / 1024 / 1024).toFixed(1)} MB`;
}

/** A duration in seconds for people: "45s", "2m 05s", "1h 02m", "3d 04h"; "—" when there is none. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.round(seconds);
  const pad = (value) => String(value).padStart(2, '0');
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  if (total < 86_400) return `${Math.floor(total / 3600)}h ${pad(Math.floor((total % 3600) / 60))}m`;
  return `${Math.floor(total / 86_400)}d ${pad(Math.floor((total % 86_400) / 3600))}h`;
}

/** Hours of online time for totals: "7.5 h". */
export function hours(seconds) {
  if (!Number.isFinite(seconds)) return '—';
  return `${(seconds / 3600).toFixed(1)} h`;
}
