// The example being searched with, shown inside the search box: a thumbnail for images, a kind icon for sounds.
import { h, icon } from '../dom.js';

const chip = () => document.getElementById('example-chip');
let objectUrl = '';

/** The search box's hint: the long one fits beside the buttons only on wider screens. */
export function setPlaceholder(hasExample) {
  const input = /** @type {HTMLInputElement} */ (document.getElementById('q'));
  const narrow = matchMedia('(max-width: 720px)').matches;
  input.placeholder = hasExample
    ? (narrow ? 'Add words (optional)' : 'Add words to refine (optional)')
    : (narrow ? 'Search by meaning…' : 'Describe what you are looking for…');
}

/**
 * @param {File | null} file
 * @param {() => void} onRemove
 * @param {{crop?: object | null, onCrop?: (src: string) => void}} [options]
 *   crop: the region searched with, if any (the chip says so); onCrop: offered for pictures, to draw a region on it
 */
export function showExample(file, onRemove, { crop = null, onCrop = null } = {}) {
  if (objectUrl) URL.revokeObjectURL(objectUrl);
  objectUrl = '';
  const el = chip();
  setPlaceholder(Boolean(file));
  if (!file) {
    el.hidden = true;
    el.replaceChildren();
    return;
  }
  let art;
  if (file.type.startsWith('image/')) {
    objectUrl = URL.createObjectURL(file);
    art = h('img', { src: objectUrl, alt: '' });
  } else {
    art = h('span.example-kind', null, icon(file.type.startsWith('video/') ? 'video' : 'music'));
  }
  const picture = file.type.startsWith('image/');
  el.replaceChildren(
    art,
    h('span.example-name', { title: file.name }, file.name || 'Example'),
    crop ? h('span.example-region', { title: 'Searching with a region of this picture' }, 'region') : null,
    picture && onCrop ? h('button.icon-button.example-crop', {
      type: 'button', 'aria-label': `Search with a region of ${file.name}`, title: 'Crop: search with a region of the picture',
      onclick: () => onCrop(objectUrl),
    }, icon('crop')) : null,
    h('button.icon-button', { type: 'button', 'aria-label': `Remove the example ${file.name}`, onclick: onRemove }, icon('x')));
  el.setAttribute('aria-label', `Searching by example: ${file.name}`);
  el.hidden = false;
}
