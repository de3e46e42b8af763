// The automatic messages' texts, one language at a time: each text shows whether it is the
// shipped default or the desk's own, saves on its own, and can go back to the default.

import { api } from '../api.js';
import { h } from '../dom.js';
import { attempt, errorLine, field, onSubmit, select } from './settings-form.js';

/** What each text kind is, in the admin's words (kinds come from the server's AutomationText). */
const kinds = {
  welcome: 'Welcome (an operator is assigned, or nobody waits ahead)',
  welcome_queued: 'Welcome while the client waits in the queue',
  operator_greeting: 'An operator took the conversation',
  auto_close_farewell: 'Closed after the client was silent',
  out_of_hours: 'A new conversation out of business hours',
  choose_department: 'Asking the client to pick a department',
  escalated: 'The client asked for a human',
  feedback_resolved: 'Feedback: was the question resolved?',
  feedback_yes: 'Feedback: the "yes" button',
  feedback_no: 'Feedback: the "no" button',
  feedback_score: 'Feedback: asking for a score from 1 to 5',
  feedback_comment: 'Feedback: asking what went wrong (score below 3)',
  feedback_thanks: 'Feedback: thanks',
  flood_notice: 'Flood control muted the client (sent once per mute)',
};
const languages = [['en', 'English'], ['ru', 'Russian'], ['uk', 'Ukrainian']];
let language = 'en';

/** The texts block: a language switch and one small form per text. */
export function renderTexts(view, status, redraw) {
  const picker = select({ id: 'texts-language' }, languages, language);
  picker.addEventListener('change', () => {
    language = picker.value;
    redraw(view);
  });
  const texts = view.texts.filter((text) => text.language === language);
  return h('div.settings-form.automation-texts', { id: 'automation-texts' },
    h('div.texts-head', null,
      h('h4', null, 'Texts'),
      field('Language', picker)),
    h('p.muted', null, 'Placeholders: {client_name}, {operator_name}, {queue_position}, {back_at}. Each text is one short message (at most 500 characters).'),
    texts.map((text) => renderText(text, status, redraw)));
}

function renderText(text, status, redraw) {
  const prefix = `text-${text.kind}-${text.language}`;
  const custom = text.source !== 'default';
  const area = h('textarea', { id: `${prefix}-input`, rows: 2, maxlength: 500, required: true, 'aria-label': kinds[text.kind] ?? text.kind }, text.text);
  const error = errorLine(`${prefix}-error`);
  const reset = custom
    ? h('button.button.small', {
      type: 'button', id: `${prefix}-reset`,
      onclick: (event) => attempt(async () => {
        redraw(await api.resetAutomationText(text.kind, text.language));
        status.say(`"${kinds[text.kind] ?? text.kind}" is the default text again.`);
      }, { error, trigger: event.currentTarget }),
    }, 'Use default')
    : null;
  const form = h('form.text-row', { id: prefix, dataset: { kind: text.kind, source: text.source } },
    h('div.text-label', null,
      h('strong', null, kinds[text.kind] ?? text.kind),
      h('span', { class: `source-badge ${custom ? 'custom' : ''}` }, custom ? 'Custom' : 'Default')),
    area,
    h('div.text-actions', null, h('button.button.small', { type: 'submit', id: `${prefix}-save` }, 'Save'), reset),
    error);
  return onSubmit(form, error, async () => {
    redraw(await api.saveAutomationText(text.kind, text.language, area.value));
    status.say(`Saved "${kinds[text.kind] ?? text.kind}".`);
  });
}
