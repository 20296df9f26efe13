// The example picture, large, to draw a region on (the chip in the search box is too small to draw on). Searching
// closes it; Esc or Cancel leaves the search as it was.
import { h, icon } from '../dom.js';
import { cropFrame } from './crop.js';

let dialog = null;

/**
 * @param {string} src  the picture (an object URL of the example file)
 * @param {string} name  its name, for the accessible labels
 * @param {(box: {x: number, y: number, w: number, h: number}) => void} onSearch
 */
export function openCropDialog(src, name, onSearch) {
  if (!dialog) {
    dialog = /** @type {HTMLDialogElement} */ (h('dialog.crop-dialog#crop-dialog', { 'aria-labelledby': 'crop-title' }));
    document.body.append(dialog);
  }
  const crop = cropFrame(h('img', { src, alt: name }), {
    name,
    onSearch: (box) => { dialog.close(); onSearch(box); },
  });
  dialog.replaceChildren(
    h('div.crop-head', null,
      h('h2#crop-title', null, 'Search with a region of ', name),
      h('button.icon-button', { type: 'button', 'aria-label': 'Cancel', title: 'Cancel (Esc)', onclick: () => dialog.close() }, icon('x'))),
    h('p.crop-hint', null, 'Drag over the picture, or press Crop and move the box with the arrow keys (Shift to resize), then Enter.'),
    h('figure.crop-media', null, crop.frame),
    crop.toolbar);
  dialog.showModal();
  /** @type {HTMLElement | null} */ (dialog.querySelector('.crop-start'))?.focus();
}
