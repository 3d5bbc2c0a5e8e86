// The allocation picture: one labelled bar per share of the account, its percentage written beside it, cash hatched
// rather than told apart by colour, so it reads in greyscale, for colour-blind eyes and to a screen reader (the
// picture's description lists every share).
import * as D from './decimals.js';

const svgNamespace = 'http://www.w3.org/2000/svg';
const width = 640;
const rowHeight = 26;
const labelWidth = 250;
const barStart = labelWidth + 10;
const barSpace = 310;
const longestLabel = 34;

function element(name, attributes = {}, text) {
  const node = document.createElementNS(svgNamespace, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const shortened = (label) => (label.length > longestLabel ? `${label.slice(0, longestLabel - 1)}…` : label);

/** The picture of `shares` (from holdings.allocation): an <svg> element, or null when there is nothing to share. */
export function allocationPicture(shares) {
  if (!shares.length) return null;
  const largest = D.approximate(shares[0].percent);
  const height = shares.length * rowHeight;
  const svg = element('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'allocation-title allocation-desc', class: 'allocation' });
  svg.append(
    element('title', { id: 'allocation-title' }, 'Allocation of the account'),
    element('desc', { id: 'allocation-desc' }, shares.map((share) => `${share.label}: ${D.format(share.percent)} %`).join('; ')),
  );
  const pattern = element('pattern', { id: 'cash-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
  pattern.append(element('rect', { width: 6, height: 6, class: 'cash-ground' }), element('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'cash-line' }));
  const definitions = element('defs');
  definitions.append(pattern);
  svg.append(definitions);

  shares.forEach((share, index) => {
    const percent = D.format(share.percent);
    const y = index * rowHeight;
    const barWidth = largest > 0 ? Math.max(1, (D.approximate(share.percent) / largest) * barSpace) : 1;
    const row = element('g', { class: share.cash ? 'share share-cash' : 'share' });
    row.append(
      element('title', {}, `${share.label}: ${percent} %`),
      element('text', { x: 0, y: y + rowHeight / 2, 'dominant-baseline': 'middle', class: 'share-label' }, shortened(share.label)),
      element('rect', { x: barStart, y: y + 4, width: barWidth.toFixed(1), height: rowHeight - 8, rx: 3, class: 'share-bar' }),
      element('text', { x: barStart + barWidth + 6, y: y + rowHeight / 2, 'dominant-baseline': 'middle', class: 'share-percent' }, `${percent} %`),
    );
    svg.append(row);
  });
  return svg;
}
