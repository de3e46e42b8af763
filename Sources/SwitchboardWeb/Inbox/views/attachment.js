// Attachment previews. Stored files show inline (images, audio, video) or as a download
// link; anything else is still shown as what it is, so nothing is silently dropped.

import { h, safeMediaURL } from '../dom.js';
import { byteSize } from '../format.js';

const kindLabels = {
  photo: 'Photo', document: 'File', voice: 'Voice message', audio: 'Audio', video: 'Video',
  video_note: 'Video message', sticker: 'Sticker', animation: 'GIF', location: 'Location',
  contact: 'Contact', link: 'Link', unsupported: 'Unsupported message',
};

const isImage = (attachment) =>
  ['photo', 'sticker'].includes(attachment.kind) || (attachment.mimeType ?? '').startsWith('image/');

function describe(attachment) {
  const details = attachment.details ?? {};
  switch (attachment.kind) {
    case 'location':
      return details.label ?? `Location: ${details.latitude ?? '?'}, ${details.longitude ?? '?'}`;
    case 'sticker':
      return details.label ?? 'Sticker';
    case 'contact':
      return `Contact: ${[details.first_name ?? details.name, details.last_name].filter(Boolean).join(' ')} ${details.phone_number ?? details.phone ?? ''}`.trim();
    case 'link':
      return details.url ?? 'Link';
    case 'unsupported':
      return `Unsupported message${details.type ? ` (${details.type})` : ''}: open it in the messenger`;
    default:
      return [kindLabels[attachment.kind] ?? attachment.kind, attachment.fileName, byteSize(attachment.byteCount)].filter(Boolean).join(' · ');
  }
}

/** Renders one attachment. */
export function renderAttachment(attachment) {
  const url = safeMediaURL(attachment.url);
  const label = describe(attachment);
  const details = attachment.details ?? {};
  // Files are fetched after the message is stored; an event replaces this once the file is in.
  if (!url && details.download === 'pending') {
    return h('span.attachment.attachment-pending', { title: 'The file is being downloaded' }, `${label} · downloading…`);
  }
  if (!url && details.download_error) {
    return h('span.attachment.attachment-missing', { title: details.download_error }, `${label} · not downloaded: ${details.download_error}`);
  }
  const mapURL = attachment.kind === 'location' ? safeMediaURL(details.map_url) : null;
  if (mapURL) {
    return h('a.attachment.attachment-location', { href: mapURL, target: '_blank', rel: 'noopener noreferrer', title: 'Open on a map' }, label);
  }
  if (url && isImage(attachment)) {
    return h('a.attachment.attachment-image', { href: url, target: '_blank', rel: 'noopener', title: label, class: attachment.kind === 'sticker' && 'attachment-sticker' },
      h('img', { src: url, alt: attachment.fileName ?? label, loading: 'lazy' }));
  }
  if (url && ['voice', 'audio'].includes(attachment.kind)) {
    return h('div.attachment', null, h('audio', { src: url, controls: true, preload: 'none' }), h('span.muted', null, label));
  }
  if (url && ['video', 'video_note', 'animation'].includes(attachment.kind)) {
    return h('div.attachment', null, h('video', { src: url, controls: true, preload: 'metadata', class: 'attachment-video' }));
  }
  if (url) {
    return h('a.attachment.attachment-file', { href: url, target: '_blank', rel: 'noopener', download: attachment.fileName ?? '' }, label);
  }
  return h(`span.attachment.attachment-${attachment.kind === 'unsupported' ? 'unsupported' : 'missing'}`, null, label);
}
