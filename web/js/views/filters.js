// The filter panel: a few common fields (among them what a match may be found in: text read in pictures, captions,
// content), an "advanced JSON" box for anything else the filter language can say,
// how many results to ask for, how strongly to diversify, and how likely to be relevant a result must be (collections
// whose model pack is calibrated). It reads from and writes to the search state.
import { h } from '../dom.js';

const panel = () => document.getElementById('filters');

/** The `source` filter's values: what a match may be found in (the API's filter field `source`). */
const SOURCES = [
  ['', 'Anything'],
  ['ocr', 'Text in pictures'],
  ['caption', 'Captions and subtitles'],
  ['content', 'The pictures, sounds and texts themselves'],
];

/**
 * Splits a filter object into the simple fields this panel shows and the rest, which goes to the JSON box.
 * @param {Record<string, any> | null} filter
 */
export function splitFilter(filter) {
  const rest = { ...(filter ?? {}) };
  const simple = { createdFrom: '', createdTo: '', minWidth: '', metaKey: '', metaValue: '', source: '' };
  const created = rest.created;
  if (created && typeof created === 'object' && Object.keys(created).every((k) => k === 'gte' || k === 'lte')) {
    simple.createdFrom = created.gte ?? '';
    simple.createdTo = created.lte ?? '';
    delete rest.created;
  }
  const width = rest.width;
  if (width && typeof width === 'object' && Object.keys(width).length === 1 && Number.isFinite(width.gte)) {
    simple.minWidth = String(width.gte);
    delete rest.width;
  }
  if (typeof rest.source === 'string' && SOURCES.some(([value]) => value && value === rest.source)) {
    simple.source = rest.source;
    delete rest.source;
  }
  const metaKeys = Object.keys(rest).filter((k) => k.startsWith('metadata.'));
  if (metaKeys.length === 1) {
    const value = rest[metaKeys[0]];
    const list = typeof value === 'object' && value && Array.isArray(value.in) ? value.in : null;
    if (typeof value === 'string' || typeof value === 'number' || list) {
      simple.metaKey = metaKeys[0].slice('metadata.'.length);
      simple.metaValue = list ? list.join(', ') : String(value);
      delete rest[metaKeys[0]];
    }
  }
  return { simple, rest };
}

/** Builds the filter from the panel's fields; throws with a message for the JSON box when it is not valid. */
export function readFilter(form) {
  const get = (name) => form.elements.namedItem(name)?.value.trim() ?? '';
  const filter = {};
  const from = get('createdFrom');
  const to = get('createdTo');
  if (from || to) filter.created = { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) };
  const minWidth = Number.parseInt(get('minWidth'), 10);
  if (Number.isFinite(minWidth) && minWidth > 0) filter.width = { gte: minWidth };
  const key = get('metaKey');
  const value = get('metaValue');
  if (key && value) {
    const values = value.split(',').map((v) => v.trim()).filter(Boolean);
    filter[`metadata.${key}`] = values.length > 1 ? { in: values } : values[0];
  }
  const source = get('source');
  if (source) filter.source = source;
  const advanced = get('advanced');
  if (advanced) {
    let parsed;
    try { parsed = JSON.parse(advanced); } catch (e) { throw new Error(`Not valid JSON: ${e.message}`); }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('Write an object, e.g. {"metadata.camera": {"in": ["a", "b"]}}');
    Object.assign(filter, parsed);
  }
  return Object.keys(filter).length > 0 ? filter : null;
}

export const filterCount = (filter) => (filter ? Object.keys(filter).length : 0);

/**
 * @param {{state: any, onApply: (change: {filter: any, k: number, diversity: number, minRelevance: number | null}) => void}} options
 */
export function renderFilters({ state, onApply }) {
  const { simple, rest } = splitFilter(state.filter);
  const advancedText = Object.keys(rest).length > 0 ? JSON.stringify(rest, null, 2) : '';
  const error = h('span.error#filter-json-error', { role: 'alert', hidden: true });
  const advanced = h('textarea', { name: 'advanced', id: 'filter-json', rows: 3, spellcheck: 'false', 'aria-describedby': 'filter-json-hint filter-json-error', placeholder: '{"metadata.camera": {"in": ["a", "b"]}}' });
  advanced.value = advancedText;
  const diversity = h('input', { type: 'range', name: 'diversity', id: 'filter-diversity', min: '0', max: '1', step: '0.1', value: String(state.diversity) });
  const diversityOut = h('output', { for: 'filter-diversity' }, state.diversity.toFixed(1));
  diversity.addEventListener('input', () => { diversityOut.textContent = Number(diversity.value).toFixed(1); });

  const validate = () => {
    const form = panel().closest('form');
    try {
      readFilter(form);
      advanced.removeAttribute('aria-invalid');
      error.hidden = true;
      return true;
    } catch (e) {
      advanced.setAttribute('aria-invalid', 'true');
      error.textContent = e.message;
      error.hidden = false;
      return false;
    }
  };
  advanced.addEventListener('input', validate);

  const apply = () => {
    if (!validate()) { advanced.focus(); return; }
    const form = panel().closest('form');
    const minimum = form.elements.namedItem('minRelevance').value;
    onApply({ filter: readFilter(form), k: Number(form.elements.namedItem('k').value), diversity: Number(diversity.value), minRelevance: minimum ? Number(minimum) : null });
  };
  const clear = () => {
    for (const name of ['createdFrom', 'createdTo', 'minWidth', 'metaKey', 'metaValue', 'source', 'advanced']) {
      const field = panel().closest('form').elements.namedItem(name);
      if (field) field.value = '';
    }
    validate();
    apply();
  };

  panel().replaceChildren(
    field('Added from', h('input', { type: 'date', name: 'createdFrom', value: simple.createdFrom })),
    field('Added until', h('input', { type: 'date', name: 'createdTo', value: simple.createdTo })),
    field('Minimum width (px)', h('input', { type: 'number', name: 'minWidth', min: '1', inputmode: 'numeric', value: simple.minWidth })),
    field('Metadata field', h('input', { type: 'text', name: 'metaKey', placeholder: 'e.g. camera', value: simple.metaKey })),
    field('Is one of', h('input', { type: 'text', name: 'metaValue', placeholder: 'a, b', value: simple.metaValue })),
    h('label.field', null, h('span', null, 'Match found in'),
      h('select', { name: 'source', id: 'filter-source' }, SOURCES.map(([value, label]) => h('option', { value, selected: value === simple.source }, label))),
      h('span.hint', null, 'Text in pictures: words read in photos and video frames')),
    field('Results', h('select', { name: 'k' }, [12, 24, 48, 96].map((n) => h('option', { value: String(n), selected: n === state.k }, String(n))))),
    h('label.field', null, h('span', null, 'Minimum relevance'),
      h('select', { name: 'minRelevance' }, relevanceChoices(state.minRelevance).map((p) =>
        h('option', { value: p === null ? '' : String(p), selected: p === state.minRelevance }, p === null ? 'Any' : `${Math.round(p * 100)} %`))),
      h('span.hint', null, 'Hide results less likely than this to be relevant')),
    h('label.field', null, h('span', null, 'Diversity ', diversityOut), diversity,
      h('span.hint', null, '0 ranks by similarity only; higher spreads results out')),
    h('label.field.wide', null, h('span', null, 'Advanced filter (JSON)'), advanced,
      h('span.hint#filter-json-hint', null, 'Equality, {"in": [...]}, {"gte"/"lte": …} over document fields and metadata.*. Merged with the fields above.'),
      error),
    h('div.filter-actions', null,
      h('button.button', { type: 'button', onclick: clear }, 'Clear'),
      h('button.button.primary', { type: 'button', id: 'filters-apply', onclick: apply }, 'Apply filters')));

  // Enter in a filter field applies the filters rather than submitting the search box's form twice.
  panel().onkeydown = (event) => {
    if (event.key === 'Enter' && event.target.tagName !== 'TEXTAREA' && event.target.tagName !== 'BUTTON') {
      event.preventDefault();
      apply();
    }
  };
}

/** The offered minimum relevances, plus the one in the URL if it is another. */
function relevanceChoices(current) {
  const choices = [null, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9];
  return current === null || choices.includes(current) ? choices : [...choices, current].sort((a, b) => (a ?? -1) - (b ?? -1));
}

function field(label, input) {
  return h('label.field', null, h('span', null, label), input);
}
