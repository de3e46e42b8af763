// Tiny stroke icons built as SVG elements (not markup strings, not an emoji font that a
// kiosk or headless machine may lack).

const SVG = 'http://www.w3.org/2000/svg';

const paths = {
  bell: ['M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9', 'M10.3 21a1.94 1.94 0 0 0 3.4 0'],
  bellOff: ['M8.7 3A6 6 0 0 1 18 8c0 3 .5 5 1.2 6.5', 'M17 17H3s3-2 3-9c0-.7.1-1.4.4-2', 'M10.3 21a1.94 1.94 0 0 0 3.4 0', 'M2 2l20 20'],
  search: ['M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14z', 'M21 21l-4.3-4.3'],
  paperclip: ['M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5'],
  pin: ['M12 22s7-6.1 7-12a7 7 0 0 0-14 0c0 5.9 7 12 7 12z', 'M12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z'],
  signOut: ['M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4', 'M16 17l5-5-5-5', 'M21 12H9'],
};

/** An inline icon; decorative, so screen readers skip it (the button carries the label). */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  for (const d of paths[name] ?? []) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
