// Small SVG charts drawn by Switchboard itself: grouped bars, an hour-of-week heatmap, a step
// line and a day timeline. They are built from elements and text nodes (never markup strings),
// coloured only through CSS classes so the light and dark themes both apply (the page's CSP
// forbids style attributes), titled, with labelled axes and a <title> tooltip on every mark.

const SVG = 'http://www.w3.org/2000/svg';

/** Creates an SVG element; strings become text nodes. */
function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const tooltip = (text) => s('title', {}, text);
const round = (value) => Math.round(value * 10) / 10;

/** The chart's frame: a scalable SVG with an accessible name and a visible title. */
function frame(title, width, height, kind) {
  return s('svg', { class: `chart chart-${kind}`, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
    tooltip(title),
    s('text', { class: 'chart-title', x: 0, y: 14 }, title));
}

/** A round upper bound and the tick step that divides it into about four parts. */
function scale(max) {
  if (!(max > 0)) return { top: 4, step: 1 };
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw);
  return { top: Math.ceil(max / step) * step, step };
}

/** Horizontal grid lines with their value labels and the rotated y-axis title. */
function yAxis(svg, { left, top, bottom, right, max, label, format = String }) {
  const { top: upper, step } = scale(max);
  const y = (value) => bottom - ((bottom - top) * value) / upper;
  for (let value = 0; value <= upper + step / 2; value += step) {
    svg.append(
      s('line', { class: value === 0 ? 'chart-axis-line' : 'chart-grid', x1: left, x2: right, y1: round(y(value)), y2: round(y(value)) }),
      s('text', { class: 'chart-tick', x: left - 6, y: round(y(value)) + 4, 'text-anchor': 'end' }, format(value)));
  }
  const middle = (top + bottom) / 2;
  svg.append(s('text', { class: 'chart-axis-title', x: 12, y: middle, transform: `rotate(-90 12 ${middle})`, 'text-anchor': 'middle' }, label));
  return y;
}

/** Labels under the x axis, thinned out so they never overlap. */
function xLabels(svg, { labels, x, y, maxLabels = 16 }) {
  const every = Math.max(1, Math.ceil(labels.length / maxLabels));
  labels.forEach((label, index) => {
    if (index % every === 0) svg.append(s('text', { class: 'chart-tick', x: round(x(index)), y, 'text-anchor': 'middle' }, label));
  });
}

/** A row of coloured keys at the top right. */
function legend(svg, entries, right) {
  let x = right;
  for (const { name, className } of [...entries].reverse()) {
    x -= name.length * 6.5 + 26;
    svg.append(s('rect', { class: `chart-key ${className}`, x, y: 5, width: 10, height: 10, rx: 2 }),
      s('text', { class: 'chart-tick', x: x + 14, y: 14 }, name));
  }
}

/**
 * Grouped bars, one group per category (a day), one bar per series.
 * @param {{title: string, categories: string[], labels: string[], series: {name: string, values: number[]}[], yLabel: string, xLabel: string}} options
 */
export function barChart({ title, categories, labels, series, yLabel, xLabel }) {
  const width = 900, height = 250, left = 52, right = width - 8, top = 28, bottom = height - 40;
  const svg = frame(title, width, height, 'bars');
  const max = Math.max(0, ...series.flatMap((one) => one.values));
  const y = yAxis(svg, { left, top, bottom, right, max, label: yLabel });
  const band = (right - left) / Math.max(1, categories.length);
  const barWidth = Math.max(1, (band * 0.8) / series.length);
  categories.forEach((category, index) => {
    series.forEach((one, position) => {
      const value = one.values[index] ?? 0;
      const x = left + index * band + band * 0.1 + position * barWidth;
      svg.append(s('rect', {
        class: `chart-bar series-${position}`, x: round(x), y: round(y(value)), width: round(barWidth), height: round(bottom - y(value)),
        'data-series': one.name, 'data-category': category, 'data-value': value,
      }, tooltip(`${labels[index]}: ${one.name} ${value}`)));
    });
  });
  xLabels(svg, { labels, x: (index) => left + index * band + band / 2, y: bottom + 16 });
  svg.append(s('text', { class: 'chart-axis-title', x: (left + right) / 2, y: height - 4, 'text-anchor': 'middle' }, xLabel));
  legend(svg, series.map((one, position) => ({ name: one.name, className: `series-${position}` })), right);
  return svg;
}

/**
 * A grid of cells shaded by value: rows × columns (weekday × hour).
 * @param {{title: string, rows: string[], columns: string[], value: (row: number, column: number) => number,
 *   describe: (row: number, column: number) => string, xLabel: string, yLabel: string}} options
 */
export function heatmap({ title, rows, columns, value, describe, xLabel, yLabel }) {
  const left = 64, top = 26, cellWidth = 34, cellHeight = 22;
  const width = left + columns.length * cellWidth + 8, height = top + rows.length * cellHeight + 44;
  const svg = frame(title, width, height, 'heatmap');
  let max = 0;
  rows.forEach((_, row) => columns.forEach((__, column) => { max = Math.max(max, value(row, column)); }));
  rows.forEach((name, row) => {
    svg.append(s('text', { class: 'chart-tick', x: left - 6, y: top + row * cellHeight + 15, 'text-anchor': 'end' }, name));
    columns.forEach((_, column) => {
      const amount = value(row, column);
      svg.append(s('rect', {
        class: amount > 0 ? 'heat-cell' : 'heat-cell heat-empty',
        x: left + column * cellWidth + 1, y: top + row * cellHeight + 1, width: cellWidth - 2, height: cellHeight - 2, rx: 3,
        'fill-opacity': amount > 0 ? round(0.25 + (0.75 * amount) / max) : null, 'data-value': amount,
      }, tooltip(describe(row, column))));
    });
  });
  columns.forEach((name, column) => {
    if (column % 2 === 0) {
      svg.append(s('text', { class: 'chart-tick', x: left + column * cellWidth + cellWidth / 2, y: top + rows.length * cellHeight + 14, 'text-anchor': 'middle' }, name));
    }
  });
  svg.append(s('text', { class: 'chart-axis-title', x: left + (columns.length * cellWidth) / 2, y: height - 8, 'text-anchor': 'middle' }, xLabel),
    s('text', { class: 'chart-axis-title', x: 0, y: height - 8 }, yLabel));
  return svg;
}

/**
 * A step line over time (queue length at the start of every hour), with one hover band per day.
 * @param {{title: string, points: {at: number, value: number}[], dayLabel: (ms: number) => string, yLabel: string, xLabel: string}} options
 */
export function lineChart({ title, points, dayLabel, yLabel, xLabel }) {
  const width = 900, height = 220, left = 52, right = width - 8, top = 28, bottom = height - 40;
  const svg = frame(title, width, height, 'steps');
  const max = Math.max(0, ...points.map((point) => point.value));
  const y = yAxis(svg, { left, top, bottom, right, max, label: yLabel });
  const step = (right - left) / Math.max(1, points.length);
  const x = (index) => left + index * step;
  let path = '';
  points.forEach((point, index) => {
    path += `${index === 0 ? 'M' : 'L'}${round(x(index))},${round(y(point.value))}H${round(x(index + 1))}`;
  });
  if (points.length) {
    svg.append(s('path', { class: 'chart-area', d: `${path}V${bottom}H${left}Z` }), s('path', { class: 'chart-line', d: path }));
  }
  // Days: a label and a hover band with the day's peak, since one tooltip per hour would be noise.
  const days = [];
  points.forEach((point, index) => {
    const label = dayLabel(point.at);
    if (days.at(-1)?.label !== label) days.push({ label, first: index, last: index, peak: point.value });
    const day = days.at(-1);
    day.last = index;
    day.peak = Math.max(day.peak, point.value);
  });
  for (const day of days) {
    svg.append(s('rect', { class: 'chart-hover', x: round(x(day.first)), y: top, width: round(x(day.last + 1) - x(day.first)), height: bottom - top },
      tooltip(`${day.label}: at most ${day.peak} waiting`)));
  }
  xLabels(svg, { labels: days.map((day) => day.label), x: (index) => x(days[index].first) + ((days[index].last - days[index].first + 1) * step) / 2, y: bottom + 16 });
  svg.append(s('text', { class: 'chart-axis-title', x: (left + right) / 2, y: height - 4, 'text-anchor': 'middle' }, xLabel));
  return svg;
}

/**
 * One row per day with coloured spans over a 24-hour axis (an operator's online/away time).
 * @param {{title: string, rows: {label: string, spans: {status: string, from: number, to: number, text: string}[]}[]}} options
 *   `from`/`to` are hours of the day, 0…24.
 */
export function dayTimeline({ title, rows }) {
  const left = 84, right = 876, top = 40, rowHeight = 16;
  const width = 900, height = top + rows.length * rowHeight + 30;
  const svg = frame(title, width, height, 'timeline');
  const x = (hour) => left + ((right - left) * hour) / 24;
  for (let hour = 0; hour <= 24; hour += 3) {
    svg.append(s('line', { class: 'chart-grid', x1: round(x(hour)), x2: round(x(hour)), y1: top - 4, y2: top + rows.length * rowHeight }),
      s('text', { class: 'chart-tick', x: round(x(hour)), y: top - 8, 'text-anchor': 'middle' }, `${String(hour).padStart(2, '0')}:00`));
  }
  rows.forEach((row, index) => {
    const y = top + index * rowHeight;
    svg.append(s('text', { class: 'chart-tick', x: left - 6, y: y + 12, 'text-anchor': 'end' }, row.label));
    for (const span of row.spans) {
      svg.append(s('rect', {
        class: `span span-${span.status}`, x: round(x(span.from)), y: y + 2, width: Math.max(1, round(x(span.to) - x(span.from))), height: rowHeight - 4, rx: 2,
      }, tooltip(span.text)));
    }
  });
  svg.append(s('text', { class: 'chart-axis-title', x: (left + right) / 2, y: height - 6, 'text-anchor': 'middle' }, 'Time of day'));
  legend(svg, [{ name: 'Online', className: 'span-online' }, { name: 'Away', className: 'span-away' }], right);
  return svg;
}

/**
 * Horizontal bars for the star ratings 5…1.
 * @param {{title: string, counts: number[]}} options counts of 1…5 stars
 */
export function starBars({ title, counts }) {
  const left = 50, right = 330, top = 26, rowHeight = 20;
  const width = 380, height = top + 5 * rowHeight + 8;
  const svg = frame(title, width, height, 'stars');
  const max = Math.max(1, ...counts);
  for (let stars = 5; stars >= 1; stars -= 1) {
    const y = top + (5 - stars) * rowHeight;
    const count = counts[stars - 1] ?? 0;
    const length = ((right - left) * count) / max;
    svg.append(s('text', { class: 'chart-tick', x: left - 8, y: y + 13, 'text-anchor': 'end' }, `${stars} ★`),
      s('rect', { class: 'chart-bar series-star', x: left, y: y + 3, width: Math.max(count ? 2 : 0, round(length)), height: rowHeight - 6, rx: 2, 'data-stars': stars, 'data-value': count },
        tooltip(`${stars} stars: ${count}`)),
      s('text', { class: 'chart-tick', x: left + length + 6, y: y + 13 }, String(count)));
  }
  return svg;
}
