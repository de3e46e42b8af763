// DOM helpers. Everything that reaches the page goes through here as text nodes or
// attributes: no HTML strings, so client-written text can never become markup.

/**
 * Creates an element.
 * @param {string} tag element name, optionally with classes: "button.primary.small"
 * @param {object|null} props attributes; `class`, `dataset`, `on<Event>` and boolean attributes are handled
 * @param {...(Node|string|number|null|false|Array)} children strings become text nodes; null/false are skipped
 */
export function h(tag, props, ...children) {
  const [name, ...classes] = tag.split('.');
  const element = document.createElement(name);
  if (classes.length) element.className = classes.join(' ');
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') element.classList.add(...String(value).split(' ').filter(Boolean));
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (nested arrays allowed) as nodes or text. */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** True when keyboard input goes to a text field, so single-key shortcuts must stay off. */
export function isTyping(target) {
  if (!(target instanceof Element)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** A same-origin path for media, or null: never let a server-provided URL become `javascript:`. */
export function safeMediaURL(url) {
  if (typeof url !== 'string') return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.origin === location.origin ? parsed.href : null;
  } catch {
    return null;
  }
}
