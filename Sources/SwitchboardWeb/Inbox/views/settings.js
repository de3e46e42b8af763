// The admin's settings: one dialog with a section per area (operators, departments, shared
// canned replies, automation, escalation words, outgoing webhooks, the audit log). Arrow keys move between the
// sections, Esc closes; each section loads fresh data when it is shown.

import { h, replace } from '../dom.js';
import { operatorsSection } from './settings-operators.js';
import { departmentsSection } from './settings-departments.js';
import { cannedSection } from './settings-canned.js';
import { automationSection } from './settings-automation.js';
import { routingSection } from './settings-routing.js';
import { auditSection } from './settings-audit.js';
import { webhooksSection } from './settings-webhooks.js';

const sections = [operatorsSection, departmentsSection, cannedSection, automationSection, routingSection, webhooksSection, auditSection];

let dialog = null;

/**
 * Opens the dialog on a section (admins only: the API refuses everyone else).
 * @param {string} [key] the section, e.g. "operators" or "audit"
 */
export function openSettings(key = sections[0].key) {
  dialog ??= build();
  if (!dialog.open) dialog.showModal();
  show(key, { focusTab: true });
}

function build() {
  const tabs = h('nav.settings-tabs', { role: 'tablist', 'aria-orientation': 'vertical', 'aria-label': 'Settings sections' },
    sections.map(({ key, title }) => h('button.settings-tab', {
      type: 'button', role: 'tab', id: `settings-tab-${key}`, 'aria-controls': 'settings-panel', 'aria-selected': 'false',
      tabindex: '-1', dataset: { section: key }, onclick: () => show(key),
    }, title)));
  tabs.addEventListener('keydown', (event) => {
    const index = sections.findIndex(({ key }) => key === dialog.dataset.section);
    const next = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: sections.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    show(sections[(next + sections.length) % sections.length].key, { focusTab: true });
  });
  const element = h('dialog.settings-dialog', { id: 'settings-dialog', 'aria-labelledby': 'settings-title' },
    h('header.dialog-head', null,
      h('h2', { id: 'settings-title' }, 'Settings'),
      h('button.button', { type: 'button', id: 'settings-close', onclick: () => element.close() }, 'Close')),
    h('div.settings-body', null,
      tabs,
      h('section.settings-panel', { id: 'settings-panel', role: 'tabpanel', tabindex: '-1' })));
  // The inbox's single-key shortcuts (e, a, j…) must not act on the conversation behind the dialog.
  element.addEventListener('keydown', (event) => { if (event.key !== 'Escape') event.stopPropagation(); });
  document.body.append(element);
  return element;
}

function show(key, { focusTab = false } = {}) {
  const section = sections.find((candidate) => candidate.key === key) ?? sections[0];
  dialog.dataset.section = section.key;
  for (const tab of dialog.querySelectorAll('.settings-tab')) {
    const selected = tab.dataset.section === section.key;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focusTab) tab.focus();
  }
  const panel = dialog.querySelector('#settings-panel');
  panel.setAttribute('aria-labelledby', `settings-tab-${section.key}`);
  panel.dataset.section = section.key;
  replace(panel, section.render());
  panel.scrollTop = 0;
}
