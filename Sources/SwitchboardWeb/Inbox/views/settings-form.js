// Small building blocks shared by the settings sections: labelled fields, an error line next to
// each form, a section-wide status line, and running an API call with all of that wired up.

import { h } from '../dom.js';

/** A labelled field: the label wraps the control so clicking the words focuses it. */
export function field(label, control, hint = null) {
  return h('label.field', null, h('span', null, label), control, hint ? h('small.muted', null, hint) : null);
}

/** A checkbox with its label on the right. */
export function checkbox(label, props) {
  return h('label.check', null, h('input', { type: 'checkbox', ...props }), h('span', null, label));
}

/** A `<select>` of `[value, label]` pairs with `selected` chosen. */
export function select(props, options, selected) {
  return h('select', props, options.map(([value, label]) => h('option', { value, selected: String(value) === String(selected) }, label)));
}

/** The hidden error line a form shows the server's refusal in. */
export function errorLine(id = null) {
  return h('p.form-error', { role: 'alert', hidden: true, id });
}

/** Shows an error (an ApiError or any Error) in an error line. */
export function showFailure(line, failure) {
  line.textContent = failure?.code === 'network' ? 'The server cannot be reached.' : failure?.message ?? String(failure);
  line.hidden = false;
}

/** A section's heading with one line saying what it is for. */
export function sectionHead(title, description) {
  return h('header.settings-section-head', null, h('h3', null, title), description ? h('p.muted', null, description) : null);
}

/** The polite status line at the top of a section ("Saved …"); it survives list redraws. */
export function statusLine() {
  const line = h('p.settings-status', { role: 'status', 'aria-live': 'polite' });
  let timer = null;
  line.say = (text) => {
    line.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => { line.textContent = ''; }, 6000);
  };
  return line;
}

/**
 * Runs `work` for a form or button: disables the trigger, hides the old error, shows a new one.
 * @returns {Promise<boolean>} whether the work succeeded
 */
export async function attempt(work, { error, trigger = null }) {
  if (error) error.hidden = true;
  if (trigger) trigger.disabled = true;
  try {
    await work();
    return true;
  } catch (failure) {
    if (error) showFailure(error, failure);
    else throw failure;
    return false;
  } finally {
    if (trigger) trigger.disabled = false;
  }
}

/** Wires a form's submit to `work` through `attempt`, with its submit button as the trigger. */
export function onSubmit(form, error, work) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(work, { error, trigger: form.querySelector('button[type="submit"]') });
  });
  return form;
}

/**
 * Redraws a list with `draw`, putting the keyboard focus back on the control that had it (by
 * id): saving a row redraws every row, and the admin should not be thrown out of their place.
 */
export async function keepingFocus(draw) {
  const focused = document.activeElement?.id;
  await draw();
  if (focused && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
}

/** A timestamp of the API (milliseconds or ISO text) as a local date and time. */
export function localTime(value) {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toLocaleString() : '';
}
