// A tiny element builder: views stay declarative without a framework, and text always goes in as text (no innerHTML
// with API data, so captions and metadata cannot inject markup).

/**
 * @param {string} tag  e.g. 'div.card' or 'button#retry.primary'
 * @param {Record<string, any> | null} [props]
 * @param {...any} children  strings, nodes, arrays, or null/false (skipped)
 */
export function h(tag, props, ...children) {
  const [name, ...parts] = tag.split(/(?=[.#])/);
  const el = name === 'svg' || name === 'use' || name === 'path'
    ? document.createElementNS('http://www.w3.org/2000/svg', name)
    : document.createElement(name);
  const classes = parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1));
  const id = parts.find((p) => p.startsWith('#'));
  if (id) el.id = id.slice(1);
  if (classes.length > 0) el.setAttribute('class', classes.join(' '));
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.setAttribute('class', [el.getAttribute('class'), value].filter(Boolean).join(' '));
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (key in el && !(el instanceof SVGElement) && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** An icon from the sprite in index.html. */
export function icon(name, label) {
  const svg = h('svg', { class: 'icon', 'aria-hidden': label ? null : 'true', role: label ? 'img' : null, 'aria-label': label ?? null });
  svg.append(h('use', { href: `#i-${name}` }));
  return svg;
}

export const $ = (selector, root = document) => root.querySelector(selector);
