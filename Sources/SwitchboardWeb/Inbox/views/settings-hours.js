// Business hours as the API models them: always open, or a weekly schedule in one IANA time zone
// (working intervals per weekday as "HH:mm", 24:00 ends a day) minus holiday dates.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { checkbox, errorLine, field, onSubmit } from './settings-form.js';

const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const dayName = (day) => day[0].toUpperCase() + day.slice(1);
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A working week to start from when there is no schedule yet. */
function startingSchedule() {
  const week = {};
  for (const day of days.slice(0, 5)) week[day] = [{ open: '09:00', close: '18:00' }];
  return { timeZone: localZone(), week, holidays: [] };
}

/**
 * The business hours block.
 * @param {object} view the automation view (`effective.businessHours` is null when always open)
 */
export function renderHours(view, status, redraw) {
  const current = view.effective.businessHours ?? null;
  const schedule = structuredClone(current ?? startingSchedule());
  schedule.holidays ??= [];
  schedule.week ??= {};
  const always = checkbox('Always open: no schedule', { id: 'hours-always', checked: current === null });
  const alwaysBox = always.querySelector('input');
  const zone = h('input', { id: 'hours-zone', required: true, list: 'hours-zones', value: schedule.timeZone, autocomplete: 'off' });
  const zones = h('datalist', { id: 'hours-zones' }, (Intl.supportedValuesOf?.('timeZone') ?? []).map((name) => h('option', { value: name })));
  const rows = h('div.hours-week', { role: 'group', 'aria-label': 'Weekly schedule' }, days.map((day) => renderDay(day, schedule)));
  const holidays = renderHolidays(schedule);
  const fields = h('fieldset.hours-schedule', { disabled: current === null },
    field('Time zone', zone, 'The times below are local to it, e.g. Europe/Kyiv.'), zones, rows, holidays);
  alwaysBox.addEventListener('change', () => { fields.disabled = alwaysBox.checked; });
  const error = errorLine('hours-error');
  const form = h('form.settings-form.hours', { id: 'hours-form' },
    h('h4', null, 'Business hours'),
    h('p.muted', null, 'Out of these hours new clients get the "out of hours" text with the next opening time.'),
    always, fields, error,
    h('button.button.primary', { type: 'submit', id: 'hours-save' }, 'Save hours'));
  return onSubmit(form, error, async () => {
    const week = {};
    for (const day of days) if (schedule.week[day]?.length) week[day] = schedule.week[day];
    const businessHours = alwaysBox.checked
      ? { alwaysOpen: true }
      : { alwaysOpen: false, schedule: { timeZone: zone.value.trim(), week, holidays: schedule.holidays } };
    redraw(await api.updateAutomation({ businessHours }));
    status.say(alwaysBox.checked ? 'The desk is now always open.' : 'Saved the business hours.');
  });
}

/** One weekday: its intervals (editable in place), add and remove. */
function renderDay(day, schedule) {
  const row = h('div.hours-day', { dataset: { day } });
  const draw = (focusId = null) => {
    const intervals = schedule.week[day] ?? [];
    const time = (index, edge, label) => {
      const input = h('input.time', {
        id: `hours-${day}-${index}-${edge}`, required: true, pattern: '([01][0-9]|2[0-3]):[0-5][0-9]|24:00', placeholder: 'HH:MM',
        value: intervals[index][edge], 'aria-label': `${dayName(day)} ${label} ${index + 1}`, inputmode: 'numeric', size: 5,
      });
      input.addEventListener('input', () => { intervals[index][edge] = input.value.trim(); });
      return input;
    };
    replace(row,
      h('span.hours-day-name', null, dayName(day)),
      h('span.hours-intervals', null,
        intervals.length === 0 ? h('span.muted', null, 'Closed') : null,
        intervals.map((_, index) => h('span.hours-interval', null,
          time(index, 'open', 'opens'), '–', time(index, 'close', 'closes'),
          h('button.icon-button.small', {
            type: 'button', id: `hours-${day}-${index}-remove`, 'aria-label': `Remove ${dayName(day)} interval ${index + 1}`, title: 'Remove',
            onclick: () => {
              intervals.splice(index, 1);
              schedule.week[day] = intervals;
              draw(`hours-${day}-add`);
            },
          }, '×')))),
      h('button.button.small', {
        type: 'button', id: `hours-${day}-add`, 'aria-label': `Add hours on ${dayName(day)}`,
        onclick: () => {
          const last = intervals.at(-1);
          intervals.push(last ? { open: last.close === '24:00' ? '23:00' : last.close, close: '24:00' } : { open: '09:00', close: '18:00' });
          schedule.week[day] = intervals;
          draw(`hours-${day}-${intervals.length - 1}-open`);
        },
      }, '+ hours'));
    if (focusId) document.getElementById(focusId)?.focus();
  };
  draw();
  return row;
}

/** Holiday dates as removable chips, and a date field to add one. */
function renderHolidays(schedule) {
  const chips = h('span.holiday-chips');
  const date = h('input', { id: 'hours-holiday', type: 'date', 'aria-label': 'Holiday date' });
  const draw = () => replace(chips, schedule.holidays.length === 0 ? h('span.muted', null, 'None') : schedule.holidays.map((day) =>
    h('span.chip', { dataset: { holiday: day } }, day,
      h('button.chip-remove', {
        type: 'button', 'aria-label': `Remove holiday ${day}`,
        onclick: () => { schedule.holidays = schedule.holidays.filter((other) => other !== day); draw(); date.focus(); },
      }, '×'))));
  const add = () => {
    if (date.value && !schedule.holidays.includes(date.value)) schedule.holidays = [...schedule.holidays, date.value].sort();
    date.value = '';
    draw();
  };
  date.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  });
  draw();
  return h('div.field.holidays', null, h('span', null, 'Holidays (no work all day)'),
    h('div.holiday-line', null, chips, date, h('button.button.small', { type: 'button', id: 'hours-holiday-add', onclick: add }, 'Add')));
}
