// The modality tabs (All, Images, Audio, Video, Text): a tablist with arrow-key movement, as WAI-ARIA describes.
import { h } from '../dom.js';
import { MODALITIES } from '../format.js';

const root = () => document.getElementById('modality-tabs');

/** @param {{selected: string, counts?: Record<string, number> | null, onSelect: (key: string) => void}} options */
export function renderTabs({ selected, counts, onSelect }) {
  const tabs = MODALITIES.map(({ key, label }) => {
    const count = key === 'all'
      ? (counts ? Object.values(counts).reduce((a, b) => a + (Number(b) || 0), 0) : null)
      : counts?.[key];
    return h('button.tab', {
      type: 'button', role: 'tab', id: `tab-${key}`,
      'aria-selected': String(key === selected), 'aria-controls': 'results',
      tabindex: key === selected ? '0' : '-1',
      dataset: { modality: key },
      onclick: () => onSelect(key),
    }, label, Number.isFinite(count) ? h('span.count', null, compact(count)) : null);
  });
  root().replaceChildren(...tabs);
  document.getElementById('results').setAttribute('aria-labelledby', `tab-${selected}`);
}

function compact(n) {
  return n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n);
}

export function wireTabKeys(onSelect) {
  root().addEventListener('keydown', (event) => {
    const tabs = [...root().querySelectorAll('[role="tab"]')];
    const index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    onSelect(tab.dataset.modality);
    root().querySelector(`[data-modality="${tab.dataset.modality}"]`)?.focus();
  });
}
