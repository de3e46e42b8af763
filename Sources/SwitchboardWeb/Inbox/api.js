// The inbox REST API (see inbox-api-contract.md). One place knows URLs, the CSRF header and
// the error envelope; views call these functions and get plain objects or an ApiError.

/** An error answer of the API: `{"error": {"code", "message"}}` or a network failure. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

let csrfToken = null;
let onUnauthenticated = () => {};

/** Remembers the CSRF token for state-changing calls; it lives only in memory. */
export function setCsrfToken(token) {
  csrfToken = token;
}

/** Called when a signed-in call answers 401 (session expired or signed out elsewhere). */
export function setUnauthenticatedHandler(handler) {
  onUnauthenticated = handler;
}

async function request(method, path, { json, body, headers = {}, quiet401 = false, signal } = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers }, signal };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  } else if (body !== undefined) {
    init.body = body;
  }
  if (method !== 'GET' && csrfToken) init.headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  if (response.status === 204) return null;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const code = payload?.error?.code ?? `http_${response.status}`;
    if (response.status === 401 && !quiet401) onUnauthenticated();
    throw new ApiError(response.status, code, payload?.error?.message ?? response.statusText);
  }
  return payload;
}

const query = (params) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The address of a report; with `format: 'csv'` and `table` it is the CSV download of that table. */
export function reportURL(name, params) {
  return `/api/v1/reports/${encodeURIComponent(name)}${query(params)}`;
}

const conversation = (id) => `/api/v1/conversations/${encodeURIComponent(id)}`;
const operator = (id) => `/api/v1/operators/${encodeURIComponent(id)}`;
const automationText = (kind, language) => `/api/v1/automation/texts/${encodeURIComponent(kind)}/${encodeURIComponent(language)}`;

export const api = {
  currentSession: () => request('GET', '/api/v1/session', { quiet401: true }),
  signIn: (login, password) => request('POST', '/api/v1/session', { json: { login, password }, quiet401: true }),
  signOut: () => request('DELETE', '/api/v1/session', { quiet401: true }),

  queues: () => request('GET', '/api/v1/queues'),
  conversations: ({ filter, cursor, label, limit = 50 }) =>
    request('GET', `/api/v1/conversations${query({ filter, cursor, label, limit })}`),
  conversation: (id) => request('GET', conversation(id)),
  messages: (id, before, limit = 50) => request('GET', `${conversation(id)}/messages${query({ limit, before })}`),
  sendMessage: (id, text, attachments = [], identityID = null, sharedItem = {}) =>
    request('POST', `${conversation(id)}/messages`, {
      json: { text, ...(attachments.length ? { attachments } : {}), ...(identityID ? { identityID } : {}), ...sharedItem },
    }),
  editMessage: (id, messageID, text) => request('PATCH', `${conversation(id)}/messages/${encodeURIComponent(messageID)}`, { json: { text } }),
  deleteMessage: (id, messageID) => request('DELETE', `${conversation(id)}/messages/${encodeURIComponent(messageID)}`),
  messageEdits: (id, messageID) => request('GET', `${conversation(id)}/messages/${encodeURIComponent(messageID)}/edits`),
  addNote: (id, text) => request('POST', `${conversation(id)}/notes`, { json: { text } }),
  take: (id) => request('POST', `${conversation(id)}/take`),
  assign: (id, operatorID, note) => request('POST', `${conversation(id)}/assign`, { json: { operatorID, note } }),
  resolve: (id) => request('POST', `${conversation(id)}/resolve`),
  reopen: (id) => request('POST', `${conversation(id)}/reopen`),

  updateContact: (id, fields) => request('PATCH', `/api/v1/contacts/${encodeURIComponent(id)}`, { json: fields }),
  mergeContacts: (targetID, contactID) => request('POST', `/api/v1/contacts/${encodeURIComponent(targetID)}/merge`, { json: { contactID } }),
  banContact: (contactID, reason) => request('POST', `/api/v1/contacts/${encodeURIComponent(contactID)}/ban`, { json: { reason } }),
  unbanContact: (contactID) => request('DELETE', `/api/v1/contacts/${encodeURIComponent(contactID)}/ban`),
  undoMerge: (mergeID) => request('POST', `/api/v1/merges/${encodeURIComponent(mergeID)}/undo`),
  setContactLabels: (id, labels) => request('PUT', `/api/v1/contacts/${encodeURIComponent(id)}/labels`, { json: { labels } }),
  setConversationLabels: (id, labels) => request('PUT', `${conversation(id)}/labels`, { json: { labels } }),
  sendLinkCode: (id) => request('POST', `${conversation(id)}/link-code`),
  requestPhone: (id) => request('POST', `${conversation(id)}/request-phone`),
  askAddress: (id, text) => request('POST', `${conversation(id)}/ask-address`, { json: text ? { text } : {} }),
  /** Messages, notes and contacts matching `q`, narrowed by from, to, channel, operator, status, label. */
  search: (params, { signal } = {}) => request('GET', `/api/v1/search${query(params)}`, { signal }),
  cannedReplies: () => request('GET', '/api/v1/canned-replies'),
  operators: () => request('GET', '/api/v1/operators'),
  departments: () => request('GET', '/api/v1/departments'),
  transferToDepartment: (id, departmentID, note) => request('POST', `${conversation(id)}/transfer`, { json: { departmentID, note } }),
  presence: () => request('GET', '/api/v1/operators/me/presence'),
  setPresence: (status) => request('PUT', '/api/v1/operators/me/presence', { json: { status } }),

  channels: () => request('GET', '/api/v1/channels'),
  addChannel: (fields) => request('POST', '/api/v1/channels', { json: fields }),
  updateChannel: (id, fields) => request('PATCH', `/api/v1/channels/${encodeURIComponent(id)}`, { json: fields }),
  pauseChannel: (id) => request('POST', `/api/v1/channels/${encodeURIComponent(id)}/pause`),
  resumeChannel: (id) => request('POST', `/api/v1/channels/${encodeURIComponent(id)}/resume`),
  removeChannel: (id) => request('DELETE', `/api/v1/channels/${encodeURIComponent(id)}`),
  rotateChannelToken: (id, token) => request('PUT', `/api/v1/channels/${encodeURIComponent(id)}/token`, { json: { token } }),
  connectStaffGroup: (id, chatID) => request('PUT', `/api/v1/channels/${encodeURIComponent(id)}/staff-group`, { json: { chatID } }),
  disconnectStaffGroup: (id) => request('DELETE', `/api/v1/channels/${encodeURIComponent(id)}/staff-group`),
  telegramLink: () => request('GET', '/api/v1/operators/me/telegram-link'),
  newTelegramLinkCode: () => request('POST', '/api/v1/operators/me/telegram-link'),

  adminOperators: () => request('GET', '/api/v1/admin/operators'),
  createOperator: (fields) => request('POST', '/api/v1/operators', { json: fields }),
  updateOperator: (id, fields) => request('PATCH', operator(id), { json: fields }),
  resetPassword: (id, password) => request('POST', `${operator(id)}/password`, { json: { password } }),
  /** Sends the image as the raw body; the server checks type, size and dimensions. */
  uploadAvatar: (id, file) =>
    request('PUT', `${operator(id)}/avatar`, { body: file, headers: { 'Content-Type': file.type || 'application/octet-stream' } }),
  removeAvatar: (id) => request('DELETE', `${operator(id)}/avatar`),
  createDepartment: (fields) => request('POST', '/api/v1/departments', { json: fields }),
  updateDepartment: (id, fields) => request('PATCH', `/api/v1/departments/${encodeURIComponent(id)}`, { json: fields }),
  routingSettings: () => request('GET', '/api/v1/settings/routing'),
  channelRouting: (id) => request('GET', `/api/v1/settings/channels/${encodeURIComponent(id)}/routing`),
  saveChannelRouting: (id, fields) => request('PUT', `/api/v1/settings/channels/${encodeURIComponent(id)}/routing`, { json: fields }),
  saveRoutingSettings: (fields) => request('PUT', '/api/v1/settings/routing', { json: fields }),
  automation: () => request('GET', '/api/v1/automation'),
  updateAutomation: (patch) => request('PATCH', '/api/v1/automation', { json: patch }),
  saveAutomationText: (kind, language, text) => request('PUT', automationText(kind, language), { json: { text } }),
  resetAutomationText: (kind, language) => request('DELETE', automationText(kind, language)),
  createCannedReply: (fields) => request('POST', '/api/v1/canned-replies', { json: fields }),
  updateCannedReply: (id, fields) => request('PATCH', `/api/v1/canned-replies/${encodeURIComponent(id)}`, { json: fields }),
  deleteCannedReply: (id) => request('DELETE', `/api/v1/canned-replies/${encodeURIComponent(id)}`),
  audit: ({ before, action, actor, limit = 50 } = {}) => request('GET', `/api/v1/audit${query({ limit, before, action, actor })}`),
  /** One report of /api/v1/reports (figures, load, staff, departments, feedback) as JSON. */
  report: (name, params) => request('GET', reportURL(name, params)),
  reportChannels: () => request('GET', '/api/v1/reports/channels'),
  reviewSample: (body) => request('POST', '/api/v1/reviews/sample', { json: body }),
  saveReview: (id, score, comment) => request('PUT', `${conversation(id)}/review`, { json: { score, comment } }),
  review: (id) => request('GET', `${conversation(id)}/review`),
  reviews: (params = {}) => request('GET', `/api/v1/reviews${query(params)}`),

  webhooks: () => request('GET', '/api/v1/webhooks'),
  createWebhook: (body) => request('POST', '/api/v1/webhooks', { json: body }),
  updateWebhook: (id, body) => request('PATCH', `/api/v1/webhooks/${id}`, { json: body }),
  deleteWebhook: (id) => request('DELETE', `/api/v1/webhooks/${id}`),
  webhookDeliveries: (id, limit = 50) => request('GET', `/api/v1/webhooks/${id}/deliveries${query({ limit })}`),
  resendWebhookDelivery: (id, deliveryID) => request('POST', `/api/v1/webhooks/${id}/deliveries/${deliveryID}/resend`),

  /** What each messenger takes (types, formats, sizes), for the composer to show before an upload. */
  mediaLimits: () => request('GET', '/api/v1/media-limits'),

  /**
   * Uploads one file for a conversation, which checks it against the conversation's messenger;
   * the name travels percent-encoded because headers are ASCII only.
   */
  upload: (file, conversationID) =>
    request('POST', `/api/v1/uploads${query({ conversation: conversationID })}`, {
      body: file,
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    }),
};
