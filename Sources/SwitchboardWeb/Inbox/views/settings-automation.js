// Settings → Automation: which automatic messages are sent and the auto-close timer, business
// hours (settings-hours.js) and the texts themselves (settings-texts.js), all desk-wide. Each
// block saves on its own and redraws itself from the server's answer, so an unsaved edit in
// another block survives.

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { renderHours } from './settings-hours.js';
import { renderTexts } from './settings-texts.js';
import { checkbox, errorLine, field, onSubmit, sectionHead, showFailure, statusLine } from './settings-form.js';

export const automationSection = {
  key: 'automation',
  title: 'Automation',
  render() {
    const status = statusLine();
    const body = h('div.automation-blocks', null, h('p.muted', null, 'Loading…'));
    api.automation().then((view) => {
      replace(body, redrawing(renderSwitches, view, status), redrawing(renderHours, view, status), redrawing(renderTexts, view, status));
    }).catch((failure) => {
      const line = errorLine();
      showFailure(line, failure);
      replace(body, line);
    });
    return h('div.settings-section', null,
      sectionHead('Automation', 'What the desk sends by itself, desk-wide (a channel can override these through the API).'),
      status, body);
  },
};

/**
 * Renders a block with `render(view, status, redraw)`; `redraw(newView)` swaps the block for a
 * fresh one and puts the focus back on the control that had it.
 */
function redrawing(render, view, status) {
  let element = null;
  const redraw = (next) => {
    const focused = document.activeElement?.id;
    const fresh = render(next, status, redraw);
    element.replaceWith(fresh);
    element = fresh;
    if (focused) document.getElementById(focused)?.focus();
  };
  element = render(view, status, redraw);
  return element;
}

const switches = [
  ['welcomeEnabled', 'Welcome a new client ("an operator is on the way")'],
  ['operatorGreetingEnabled', 'Greet with the operator\'s name when they take a conversation'],
  ['feedbackEnabled', 'Ask for feedback after a conversation is resolved'],
  ['reopenAfterAutoClose', 'A client\'s message after an automatic close reopens the conversation (else starts a new one)'],
];

function renderSwitches(view, status, redraw) {
  const effective = view.effective;
  const boxes = switches.map(([key, label]) => [key, checkbox(label, { id: `automation-${key}`, checked: effective[key] })]);
  const minutes = h('input', {
    id: 'automation-autoCloseMinutes', type: 'number', min: 0, max: 7 * 24 * 60, required: true, value: effective.autoCloseMinutes ?? 0,
  });
  const error = errorLine('automation-switches-error');
  const form = h('form.settings-form.automation-switches', { id: 'automation-switches' },
    h('h4', null, 'Messages and timers'),
    boxes.map(([, box]) => box),
    field('Close a conversation after the client is silent for (minutes)', minutes, '0 never closes; at most a week (10080).'),
    error,
    h('button.button.primary', { type: 'submit', id: 'automation-switches-save' }, 'Save'));
  return onSubmit(form, error, async () => {
    // Only changed fields go into the patch, so the global settings keep inheriting the rest.
    const patch = {};
    for (const [key, box] of boxes) {
      const checked = box.querySelector('input').checked;
      if (checked !== effective[key]) patch[key] = checked;
    }
    if (Number(minutes.value) !== (effective.autoCloseMinutes ?? 0)) patch.autoCloseMinutes = Number(minutes.value);
    if (Object.keys(patch).length === 0) return status.say('Nothing to save: no setting changed.');
    redraw(await api.updateAutomation(patch));
    status.say('Saved the automation settings.');
  });
}
