// Opening a conversation at one message: the timeline holds the client's history newest first in
// pages, so older pages load until the message is there, then the timeline shows it.

import { state, emit } from './state.js';
import { openConversation, loadOlderMessages } from './inbox.js';

// A search hit can be years back; this many pages of 50 bounds the walk.
const MAX_PAGES = 60;

const idle = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Opens conversation `id` and, when given, scrolls to message `messageID` and flashes it. */
export async function openConversationAt(id, messageID = null) {
  await openConversation(id);
  if (messageID === null || state.selectedId !== id) return;
  const timeline = state.timeline;
  for (let pages = 0; pages < MAX_PAGES && !timeline.byId.has(messageID) && !timeline.complete; pages += 1) {
    // A page may already be on its way (the timeline fills a short pane by itself): wait for it.
    while (timeline.loading) await idle();
    if (timeline.byId.has(messageID) || timeline.complete) break;
    await loadOlderMessages();
    if (state.selectedId !== id || state.timeline !== timeline) return;
  }
  while (timeline.loading) await idle();
  if (state.selectedId === id && timeline.byId.has(messageID)) emit('timeline:focus', messageID);
}
