// Dates of the reports in the viewer's own calendar: the browser's time zone goes to the API as `tz`.

/** The browser's IANA time zone. */
export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const pad = (value) => String(value).padStart(2, '0');

/** A local calendar date as YYYY-MM-DD. */
export const isoDate = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The last `count` days ending today. */
export function lastDays(count) {
  const to = new Date();
  const from = new Date(to.getFullYear(), to.getMonth(), to.getDate() - (count - 1));
  return { from: isoDate(from), to: isoDate(to) };
}
