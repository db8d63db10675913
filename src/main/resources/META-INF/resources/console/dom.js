// Builds DOM nodes from data. Text always goes in as text nodes, never as HTML: resume
// text, job descriptions and error messages are untrusted.

export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A label wrapping its control, so every input has an accessible name. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control,
    hint ? h('span', { class: 'hint' }, hint) : null);
}

export function table(caption, columns, rows) {
  return h('div', { class: 'scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.length ? rows.map(r => h('tr', {}, r.map(cell => h('td', {}, cell))))
        : h('tr', {}, h('td', { colspan: String(columns.length) }, 'Nothing yet.')))));
}

/** The resume text with every evidence quote marked, as text nodes and <mark> elements. */
export function highlighted(text, quotes) {
  const spans = [];
  for (const quote of quotes) {
    if (!quote) continue;
    let from = 0, at;
    while ((at = text.indexOf(quote, from)) >= 0) {
      spans.push([at, at + quote.length]);
      from = at + quote.length;
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const parts = [];
  let cursor = 0;
  for (const [start, end] of spans) {
    if (start < cursor) continue; // overlapping quotes: the first one wins
    parts.push(text.slice(cursor, start), h('mark', {}, text.slice(start, end)));
    cursor = end;
  }
  parts.push(text.slice(cursor));
  return h('pre', { class: 'resume', 'aria-label': 'Resume with evidence highlighted' }, parts);
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A small horizontal bar chart in inline SVG, with a text equivalent for screen readers. */
export function barChart(title, entries) {
  const max = Math.max(1, ...entries.map(([, value]) => value));
  const rowHeight = 22, labelWidth = 110, width = 320;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${entries.length * rowHeight + 4}`, role: 'img', class: 'chart',
    'aria-label': `${title}: ${entries.map(([label, value]) => `${label} ${value}`).join(', ')}`,
  });
  entries.forEach(([label, value], i) => {
    const y = i * rowHeight + 2;
    const barWidth = Math.round((width - labelWidth - 50) * value / max);
    chart.append(
      svg('text', { x: 0, y: y + 15, class: 'chart-label' }, label),
      svg('rect', { x: labelWidth, y, width: Math.max(barWidth, 1), height: rowHeight - 6, class: 'chart-bar' }),
      svg('text', { x: labelWidth + barWidth + 6, y: y + 15, class: 'chart-value' }, String(value)));
  });
  return h('figure', { class: 'figure' }, h('figcaption', {}, title), chart);
}
