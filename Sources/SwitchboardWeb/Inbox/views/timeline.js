// The client's whole history, oldest at the top. Older pages load when the top sentinel
// scrolls into view, keeping the reader's place; new messages stick to the bottom only
// when the reader is already there.

import { h, replace } from '../dom.js';
import { state, on } from '../state.js';
import { dayLabel } from '../format.js';
import { loadOlderMessages } from '../inbox.js';
import { renderMessage } from './message.js';

const NEAR_BOTTOM = 120;
// How long a message opened from the search stays highlighted.
const FOUND_MS = 4000;

/** Builds the scrolling timeline. */
export function renderTimeline() {
  const top = h('div.timeline-top');
  const items = h('div.timeline-items');
  const scroller = h('div.timeline', { id: 'timeline', role: 'log', 'aria-label': 'Messages', tabindex: '0' }, top, items);
  const elements = new Map();
  let lastDay = null;

  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM;
  const toBottom = () => { scroller.scrollTop = scroller.scrollHeight; };
  const showTop = () => {
    const timeline = state.timeline;
    top.textContent = timeline.complete ? (timeline.messages.length ? 'Beginning of the history' : 'No messages yet') : 'Loading…';
  };

  const node = (message) => {
    const element = renderMessage(message);
    elements.set(message.id, element);
    return element;
  };
  // A flooding client's muted messages fold into one group per run, so a burst does not bury the
  // conversation; the group opens on a click. The bot's notice and system lines in the middle of the
  // burst stay in the run; a person's message (the client's own unmuted one, an operator's) ends it.
  const floodGroup = () => h('details.flood-group', null, h('summary', null));
  const addToGroup = (group, element) => {
    group.append(element);
    const count = group.querySelectorAll('[data-hold="flood"]').length;
    group.querySelector('summary').textContent = `${count} message${count === 1 ? '' : 's'} sent too fast (muted)`;
  };
  const withDays = (messages, previousDay, openGroup = null) => {
    const nodes = [];
    let group = openGroup;
    for (const message of messages) {
      const day = dayLabel(message.createdAt);
      if (day !== previousDay) {
        nodes.push(h('p.day-separator', null, h('span', null, day)));
        group = null;
      }
      previousDay = day;
      if (message.hold !== 'flood') {
        if (group && ['bot', 'system'].includes(message.author?.kind)) {
          addToGroup(group, node(message));
          continue;
        }
        group = null;
        nodes.push(node(message));
        continue;
      }
      if (!group) {
        group = floodGroup();
        nodes.push(group);
      }
      addToGroup(group, node(message));
    }
    return { nodes, lastDay: previousDay };
  };

  on('timeline', () => {
    elements.clear();
    lastDay = null;
    replace(items);
    showTop();
  });
  on('timeline:prepend', (older) => {
    const firstPage = elements.size === 0;
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    // Rebuilding is cheap (pages of 50) and keeps day separators right across the seam.
    elements.clear();
    const built = withDays(state.timeline.messages, null);
    replace(items, built.nodes);
    lastDay = built.lastDay;
    showTop();
    if (firstPage) toBottom();
    else if (older.length) scroller.scrollTop = scroller.scrollHeight - fromBottom;
    // A short page leaves nothing to scroll: fetch more until the pane fills or history ends.
    if (!state.timeline.complete && scroller.scrollHeight <= scroller.clientHeight) setTimeout(loadOlderMessages, 0);
  });
  on('timeline:append', (message) => {
    const stick = nearBottom() || message.direction === 'out' || message.direction === 'note';
    const last = items.lastElementChild;
    const built = withDays([message], lastDay, last?.matches('details.flood-group') ? last : null);
    items.append(...built.nodes);
    lastDay = built.lastDay;
    showTop();
    if (stick) toBottom();
  });
  on('timeline:update', (message) => {
    const old = elements.get(message.id);
    if (old) old.replaceWith(node(message));
  });

  // A search hit: bring the message to the middle of the pane and mark it for a moment.
  on('timeline:focus', (id) => {
    const element = elements.get(id);
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    scroller.dataset.stuck = String(nearBottom());
    element.classList.add('message-found');
    setTimeout(() => element.classList.remove('message-found'), FOUND_MS);
  });

  new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting) && elements.size > 0) loadOlderMessages();
  }, { root: scroller, rootMargin: '300px 0px 0px 0px' }).observe(top);

  // Images load after layout; keep the bottom in view if the reader was there.
  scroller.addEventListener('load', (event) => {
    if (event.target.tagName === 'IMG' && scroller.dataset.stuck === 'true') toBottom();
  }, true);
  scroller.addEventListener('scroll', () => { scroller.dataset.stuck = String(nearBottom()); }, { passive: true });
  scroller.dataset.stuck = 'true';

  return scroller;
}
