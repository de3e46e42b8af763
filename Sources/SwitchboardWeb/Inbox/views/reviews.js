// Review of resolved conversations: on the reports page a supervisor pulls a random sample for
// the range and scores each one; the operator sees the review on the conversation and in "My reviews".

import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { fullTime } from '../format.js';
import { section } from './report-parts.js';
import { isoDate, timeZone } from './reports-range.js';

const stars = (score) => `${score} / 5`;

/** A review as read-only lines: score, comment (as text), who and when. */
function reviewLines(review) {
  return [
    h('p.review-score', null, h('strong', null, stars(review.score)), ` · by ${review.reviewerName}`,
      h('span.muted', { title: fullTime(Date.parse(review.reviewedAt)) }, ` · ${new Date(review.reviewedAt).toLocaleDateString()}`)),
    review.comment ? h('blockquote.review-comment', null, review.comment) : null,
  ];
}

/** The score and comment form of one sampled conversation. */
function reviewForm(candidate, onSaved) {
  const score = h('select', { 'aria-label': `Score for conversation ${candidate.conversationId}`, name: 'score', required: true },
    h('option', { value: '' }, 'Score…'), [5, 4, 3, 2, 1].map((value) => h('option', { value: String(value) }, stars(value))));
  const comment = h('textarea', { name: 'comment', rows: '2', maxlength: '2000', placeholder: 'What was good, what to improve', 'aria-label': 'Comment' });
  const error = h('p.form-error', { role: 'alert', hidden: true });
  const save = h('button.button.primary.small', { type: 'submit' }, 'Save review');
  const form = h('form.review-form', null, score, comment, save, error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    save.disabled = true;
    try {
      onSaved(await api.saveReview(candidate.conversationId, Number(score.value), comment.value.trim()));
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

function candidateRow(candidate) {
  const result = h('div.review-result');
  const row = h('li.review-candidate', { dataset: { conversation: candidate.conversationId } },
    h('div.review-who', null,
      h('strong', null, candidate.contactName),
      h('span.muted', null, ` · ${candidate.operatorName ?? 'no operator'} · ${candidate.messageCount} messages · resolved ${new Date(candidate.resolvedAt).toLocaleString()}`),
      // A new tab, so the sample stays here while the conversation is read.
      h('a.button.small', { href: `/#c${candidate.conversationId}`, target: '_blank', rel: 'noopener', dataset: { open: candidate.conversationId } }, 'Open')),
    result);
  replace(result, reviewForm(candidate, (review) => {
    row.classList.add('reviewed');
    replace(result, h('p.review-done', null, 'Reviewed ✓'), reviewLines(review));
  }));
  return row;
}

/**
 * The "Review" section of the reports page.
 * @param {object} filters the page's filters (operator and department narrow the sample)
 * @param {object} params the page's query (from, to, tz)
 */
export function reviewSection(filters, params) {
  const size = h('input', { type: 'number', id: 'review-size', min: '1', max: '50', value: '5', 'aria-label': 'Sample size' });
  const list = h('ul.review-candidates', { id: 'review-candidates', 'aria-live': 'polite' });
  const error = h('p.form-error', { role: 'alert', hidden: true });
  const pull = h('button.button', { type: 'submit', id: 'review-pull' }, 'Pull a random sample');
  const form = h('form.review-pull', null, h('label.field', null, h('span', null, 'Conversations'), size), pull);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    pull.disabled = true;
    const body = { from: params.from, to: params.to, tz: params.tz, size: Number(size.value) };
    if (filters.operator) body.operator = Number(filters.operator);
    if (filters.department) body.department = Number(filters.department);
    try {
      const { items } = await api.reviewSample(body);
      replace(list, items.length ? items.map(candidateRow) : h('li.muted', null, 'Every conversation resolved in this range is reviewed already, or none was resolved.'));
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    } finally {
      pull.disabled = false;
    }
  });
  const done = h('ul.my-reviews.reviews-in-range', { id: 'reviews-in-range' }, h('li.muted', null, 'Loading…'));
  api.reviews({ from: params.from, to: params.to, tz: params.tz, operator: filters.operator })
    .then(({ items }) => replace(done, items.length
      ? items.map((review) => h('li.my-review', { dataset: { conversation: review.conversationId } },
        h('a', { href: `#c${review.conversationId}` }, `Conversation #${review.conversationId}`), reviewLines(review)))
      : h('li.muted', null, 'No reviews written in this range.')))
    .catch((failure) => replace(done, h('li.form-error', { role: 'alert' }, failure.message)));
  return section('report-review', 'Review', {},
    h('p.muted', null, 'A random sample of conversations resolved in the range and not reviewed yet. Open each one, then score it from 1 to 5 with a comment; the operator who handled it sees the review.'),
    form, error, list,
    h('h3', null, 'Reviews written in this range'),
    done);
}

/** The review panel of the open conversation in the client pane: shown only when one exists. */
export function renderReviewPanel() {
  const box = h('div.review-box', { id: 'conversation-review' });
  const panel = h('section.panel-section', { hidden: true, id: 'review-section' }, h('h2.panel-title', null, 'Review'), box);
  let shownFor = null;
  on('detail', async () => {
    const detail = state.detail;
    const id = detail?.status === 'resolved' ? detail.id : null;
    if (id === shownFor) return;
    shownFor = id;
    panel.hidden = true;
    if (id === null) return;
    try {
      const review = await api.review(id);
      if (shownFor !== id) return;
      replace(box, reviewLines(review));
      panel.hidden = false;
    } catch (failure) {
      // 404: not reviewed (or not this operator's to see); nothing to show.
      if (failure.status !== 404 && failure.status !== 403) console.warn('switchboard: review', failure);
    }
  });
  return panel;
}

let dialog = null;

/** Opens "My reviews": every review of conversations the signed-in operator handled. */
export async function openMyReviews() {
  const list = h('ul.my-reviews', { id: 'my-reviews-list', 'aria-live': 'polite' }, h('li.muted', null, 'Loading…'));
  dialog ??= document.body.appendChild(h('dialog.channels-dialog.reviews-dialog', { id: 'my-reviews-dialog', 'aria-labelledby': 'my-reviews-title' }));
  replace(dialog,
    h('header.dialog-head', null,
      h('h2', { id: 'my-reviews-title' }, 'My reviews'),
      h('button.button', { type: 'button', id: 'my-reviews-close', onclick: () => dialog.close() }, 'Close')),
    list);
  if (!dialog.open) dialog.showModal();
  try {
    // Reviews are listed by when they were written; a year back is the longest range the API takes.
    const today = new Date();
    const yearAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 364);
    const { items } = await api.reviews({ operator: state.me.id, from: isoDate(yearAgo), to: isoDate(today), tz: timeZone() });
    replace(list, items.length
      ? items.map((review) => h('li.my-review', { dataset: { conversation: review.conversationId } },
        h('a', { href: `#c${review.conversationId}`, onclick: () => dialog.close() }, `Conversation #${review.conversationId}`),
        reviewLines(review)))
      : h('li.muted', null, 'No reviews yet.'));
  } catch (failure) {
    replace(list, h('li.form-error', { role: 'alert' }, failure.message));
  }
}
