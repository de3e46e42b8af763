// The reports page (supervisors and admins): a date range in the viewer's time zone, filters,
// and the figures, load, staff, departments and feedback of /api/v1/reports, plus the review
// of resolved conversations. Its address is `#reports?from=…&to=…&…`, so a reload keeps it.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { state } from '../state.js';
import { figuresSection, departmentsSection, feedbackSection } from './report-figures.js';
import { loadSection, staffSection } from './report-load.js';
import { reviewSection } from './reviews.js';
import { themeToggle } from './theme.js';
import { timeZone, lastDays } from './reports-range.js';
import { exportLinks } from './report-export.js';

/** Whether the signed-in operator may see reports (the API refuses operators). */
export function canSeeReports(me = state.me) {
  return me?.role === 'admin' || me?.role === 'supervisor';
}


/** The page's filters as kept in the address: `#reports?from=…&to=…&channel=…`. */
function filtersFromHash(hash) {
  const params = new URLSearchParams(hash.replace(/^#reports\??/, ''));
  const filters = { ...lastDays(7), channel: '', department: '', operator: '', businessHours: false };
  for (const key of ['from', 'to']) if (/^\d{4}-\d{2}-\d{2}$/.test(params.get(key) ?? '')) filters[key] = params.get(key);
  for (const key of ['channel', 'department', 'operator']) if (/^\d+$/.test(params.get(key) ?? '')) filters[key] = params.get(key);
  filters.businessHours = params.get('businessHours') === 'true';
  return filters;
}

function hashOf(filters) {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  for (const key of ['channel', 'department', 'operator']) if (filters[key]) params.set(key, filters[key]);
  if (filters.businessHours) params.set('businessHours', 'true');
  return `#reports?${params}`;
}

/** The query every report route takes, the time zone included. */
export function reportParams(filters) {
  return {
    from: filters.from, to: filters.to, tz: timeZone(),
    channel: filters.channel, department: filters.department, operator: filters.operator,
    businessHours: filters.businessHours ? 'true' : '',
  };
}

/** Fills a select with "All …" and the given options, keeping the chosen value. */
function fillSelect(select, allLabel, items, chosen) {
  replace(select, h('option', { value: '' }, allLabel),
    items.map((item) => h('option', { value: String(item.id), selected: String(item.id) === chosen }, item.name)));
}

/**
 * Builds the page (hidden until `show`).
 * @returns {{element: HTMLElement, show: (hash: string) => void}}
 */
export function renderReportsPage() {
  let filters = filtersFromHash('');
  let generation = 0;
  const from = h('input', { type: 'date', id: 'report-from', required: true, 'aria-label': 'From' });
  const to = h('input', { type: 'date', id: 'report-to', required: true, 'aria-label': 'To' });
  const channel = h('select', { id: 'report-channel', 'aria-label': 'Channel' });
  const department = h('select', { id: 'report-department', 'aria-label': 'Department' });
  const operator = h('select', { id: 'report-operator', 'aria-label': 'Operator' });
  const businessHours = h('input', { type: 'checkbox', id: 'report-business-hours' });
  const error = h('p.form-error', { role: 'alert', hidden: true, id: 'report-error' });
  const zone = h('span.muted.report-zone', { id: 'report-zone' });
  const body = h('div.report-body', { id: 'report-body', 'aria-live': 'polite' });
  const preset = (count) => h('button.button.small', {
    type: 'button', id: `preset-${count}`,
    onclick: () => apply({ ...filters, ...lastDays(count) }),
  }, `Last ${count} days`);

  const form = h('form.report-filters', { id: 'report-filters' },
    h('label.field', null, h('span', null, 'From'), from),
    h('label.field', null, h('span', null, 'To'), to),
    h('div.report-presets', null, preset(7), preset(30)),
    h('label.field', null, h('span', null, 'Channel'), channel),
    h('label.field', null, h('span', null, 'Department'), department),
    h('label.field', null, h('span', null, 'Operator'), operator),
    h('label.toggle', { title: 'Reply time counts only time inside the desk\'s business hours' }, businessHours, ' Business hours only'),
    h('button.button.primary', { type: 'submit', id: 'report-apply' }, 'Show'),
    zone);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply({
      from: from.value, to: to.value, channel: channel.value, department: department.value, operator: operator.value,
      businessHours: businessHours.checked,
    });
  });
  for (const control of [channel, department, operator, businessHours]) control.addEventListener('change', () => form.requestSubmit());

  const element = h('section.reports-page', { id: 'reports-page', hidden: true, 'aria-labelledby': 'reports-title' },
    h('header.reports-head', null,
      h('a.button', { href: '#', id: 'reports-back', title: 'Back to the conversations' }, '← Inbox'),
      h('h1', { id: 'reports-title' }, 'Reports'),
      themeToggle()),
    form, error, body);

  let choicesLoaded = false;
  async function loadChoices() {
    if (choicesLoaded) return;
    choicesLoaded = true;
    // Channels are an admin route; a supervisor filters by department and operator only.
    const [channels, departments, operators] = await Promise.all([
      api.reportChannels().then((answer) => answer.items).catch(() => []),
      api.departments().then(({ items }) => items.map((routing) => routing.department)).catch(() => []),
      api.operators().then(({ items }) => items).catch(() => []),
    ]);
    fillSelect(channel, 'All channels', channels, filters.channel);
    channel.closest('label').hidden = channels.length === 0;
    fillSelect(department, 'All departments', departments, filters.department);
    fillSelect(operator, 'All operators', operators.map((one) => ({ id: one.id, name: one.displayName })), filters.operator);
  }

  function apply(next) {
    if (next.from > next.to) {
      error.textContent = 'The start date is after the end date.';
      error.hidden = false;
      return;
    }
    history.replaceState(null, '', hashOf(next));
    load(next);
  }

  async function load(next) {
    filters = next;
    from.value = filters.from;
    to.value = filters.to;
    for (const [select, key] of [[channel, 'channel'], [department, 'department'], [operator, 'operator']]) select.value = filters[key];
    businessHours.checked = filters.businessHours;
    zone.textContent = `Dates and hours in ${timeZone()}`;
    error.hidden = true;
    const mine = ++generation;
    const params = reportParams(filters);
    body.setAttribute('aria-busy', 'true');
    try {
      const [figures, load, staff, departments, feedback] = await Promise.all(
        ['figures', 'load', 'staff', 'departments', 'feedback'].map((name) => api.report(name, params)));
      if (mine !== generation) return;
      replace(body,
        exportLinks(params),
        figuresSection(figures, params),
        loadSection(load, params),
        staffSection(staff, params),
        departmentsSection(departments, params),
        feedbackSection(feedback, params),
        reviewSection(filters, params));
      body.dataset.loaded = hashOf(filters).slice('#reports?'.length);
    } catch (failure) {
      if (mine !== generation) return;
      error.textContent = `The reports could not be loaded: ${failure.message}`;
      error.hidden = false;
    } finally {
      if (mine === generation) body.removeAttribute('aria-busy');
    }
  }

  return {
    element,
    show(hash) {
      element.hidden = false;
      loadChoices().then(() => load(filtersFromHash(hash)));
    },
  };
}
