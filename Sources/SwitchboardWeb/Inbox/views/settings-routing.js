// Settings → Escalation: the words a client types to reach a human at once, and how conversations
// without a department are assigned (the desk-wide strategy).

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { strategies } from './settings-departments.js';
import { checkbox, errorLine, field, onSubmit, sectionHead, select, showFailure, statusLine } from './settings-form.js';

export const routingSection = {
  key: 'routing',
  title: 'Escalation words',
  render() {
    const status = statusLine();
    const body = h('div', null, h('p.muted', null, 'Loading…'));
    const draw = (settings) => {
      const focused = document.activeElement?.id;
      replace(body, renderForm(settings, { status, draw }));
      if (focused) document.getElementById(focused)?.focus();
    };
    api.routingSettings().then(draw).catch((failure) => {
      const line = errorLine();
      showFailure(line, failure);
      replace(body, line);
    });
    return h('div.settings-section', null,
      sectionHead('Escalation words', 'A client who writes one of these words (in any form) jumps the queue and is marked as asking for a human.'),
      status, body);
  },
};

function renderForm(settings, { status, draw }) {
  let words = [...settings.escalationWords];
  const chips = h('div.word-chips', { id: 'escalation-words', role: 'list' });
  const input = h('input', { id: 'escalation-word', maxlength: 64, autocomplete: 'off', placeholder: 'e.g. manager', 'aria-label': 'New escalation word' });
  const drawChips = () => replace(chips, words.length === 0 ? h('span.muted', null, 'No words: nobody can ask for a human by typing.') : words.map((word, index) =>
    h('span.chip', { role: 'listitem', dataset: { word } }, word,
      h('button.chip-remove', {
        type: 'button', 'aria-label': `Remove ${word}`,
        onclick: () => { words = words.filter((_, other) => other !== index); drawChips(); input.focus(); },
      }, '×'))));
  const add = () => {
    const word = input.value.trim();
    if (word && !words.some((other) => other.toLowerCase() === word.toLowerCase())) words = [...words, word];
    input.value = '';
    drawChips();
    input.focus();
  };
  // Enter adds the typed word instead of saving the form; Save (or Enter on an empty field) saves.
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || input.value.trim() === '') return;
    event.preventDefault();
    add();
  });
  drawChips();
  const strategy = select({ id: 'routing-strategy' }, strategies, settings.defaultRouting.strategy);
  const sticky = checkbox('Sticky: a returning client goes to their last operator', { id: 'routing-sticky', checked: settings.defaultRouting.sticky });
  const error = errorLine('routing-error');
  const form = h('form.settings-form.routing-form', { id: 'routing-form' },
    h('h4', null, 'Words'),
    chips,
    h('div.word-add', null, input, h('button.button.small', { type: 'button', id: 'escalation-word-add', onclick: add }, 'Add word')),
    h('h4', null, 'Conversations without a department'),
    field('Assignment', strategy), sticky,
    error,
    h('button.button.primary', { type: 'submit', id: 'routing-save' }, 'Save'));
  return onSubmit(form, error, async () => {
    if (input.value.trim()) add();
    draw(await api.saveRoutingSettings({ escalationWords: words, strategy: strategy.value, sticky: sticky.querySelector('input').checked }));
    status.say('Saved the escalation words and the default assignment.');
  });
}
