// Draw a box on a picture to search with that region of it. With a pointer: drag over the picture. From the keyboard:
// "Crop" puts a box in the middle; arrow keys move it, Shift + arrows resize it, Enter searches, Esc removes it.
// The box is kept as fractions of the picture ({x, y, w, h} in [0, 1]), which is what the API takes, so it does not
// matter how large the picture is drawn here or how large the original is.
import { h, icon } from '../dom.js';

const STEP = 0.02;        // one arrow key press: 2% of the picture
const MIN_SIDE = 0.04;    // a smaller drag is a click, not a box (the API refuses regions under 16 pixels too)
const DEFAULT_BOX = { x: 0.25, y: 0.25, w: 0.5, h: 0.5 };

/**
 * Wraps `img` in a frame that boxes can be drawn on. Returns the frame (to put where the picture was), a toolbar
 * ("Crop", "Search this region", "Clear") and `start()`, which puts the default box in place and focuses it.
 * @param {HTMLImageElement} img
 * @param {{onSearch: (box: {x: number, y: number, w: number, h: number}) => void, name?: string}} options
 */
export function cropFrame(img, { onSearch, name = 'the picture' }) {
  let box = null;
  img.draggable = false;
  const outline = h('div.crop-box', {
    tabindex: '0', role: 'img', hidden: true,
    'aria-label': `Region of ${name} to search with. Arrow keys move it, Shift with arrow keys resizes it, Enter searches, Escape removes it.`,
  });
  const frame = h('div.crop-frame', { dataset: { cropping: 'false' } }, img, outline);
  const searchButton = h('button.button.primary.crop-search', { type: 'button', disabled: true, onclick: () => submit() }, icon('search'), 'Search this region');
  const clearButton = h('button.button.crop-clear', { type: 'button', hidden: true, onclick: () => set(null) }, icon('x'), 'Clear');
  const toolbar = h('div.crop-toolbar', null,
    h('button.button.crop-start', { type: 'button', onclick: () => start() }, icon('crop'), 'Crop'),
    searchButton, clearButton);

  function set(next) {
    box = next;
    outline.hidden = !box;
    searchButton.disabled = !box;
    clearButton.hidden = !box;
    frame.dataset.cropping = String(Boolean(box));
    if (!box) return;
    Object.assign(outline.style, { left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) });
    Object.assign(outline.dataset, { x: box.x.toFixed(4), y: box.y.toFixed(4), w: box.w.toFixed(4), h: box.h.toFixed(4) });
  }

  function start() {
    set({ ...DEFAULT_BOX });
    outline.focus();
  }

  function submit() {
    if (box) onSearch({ ...box });
  }

  // Dragging: the pointer is captured by the frame, so a drag that leaves the picture still ends cleanly.
  let anchor = null;
  frame.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    anchor = pointAt(event);
    frame.setPointerCapture(event.pointerId);
  });
  frame.addEventListener('pointermove', (event) => {
    if (!anchor) return;
    const point = pointAt(event);
    const next = between(anchor, point);
    if (next.w >= MIN_SIDE / 4 || next.h >= MIN_SIDE / 4) set(next);
  });
  const finish = (event) => {
    if (!anchor) return;
    const next = between(anchor, pointAt(event));
    anchor = null;
    if (next.w < MIN_SIDE || next.h < MIN_SIDE) { set(null); return; }
    set(next);
    searchButton.focus();
  };
  frame.addEventListener('pointerup', finish);
  frame.addEventListener('pointercancel', () => { anchor = null; });

  outline.addEventListener('keydown', (event) => {
    if (!box) return;
    const moves = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    if (event.key in moves) {
      event.preventDefault();
      const [dx, dy] = moves[event.key];
      set(event.shiftKey ? resized(box, dx, dy) : moved(box, dx, dy));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      // Removes the box only; the dialog around it stays open.
      event.preventDefault();
      event.stopPropagation();
      set(null);
      toolbar.querySelector('.crop-start')?.focus();
    }
  });

  function pointAt(event) {
    const rect = img.getBoundingClientRect();
    return {
      x: clamp((event.clientX - rect.left) / Math.max(1, rect.width)),
      y: clamp((event.clientY - rect.top) / Math.max(1, rect.height)),
    };
  }

  return { frame, toolbar, start };
}

const clamp = (n) => Math.min(1, Math.max(0, n));
const pct = (n) => `${(n * 100).toFixed(3)}%`;
const between = (a, b) => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) });
const moved = (box, dx, dy) => ({ ...box, x: clamp(Math.min(box.x + dx, 1 - box.w)), y: clamp(Math.min(box.y + dy, 1 - box.h)) });
const resized = (box, dx, dy) => ({
  ...box,
  w: Math.max(MIN_SIDE, Math.min(box.w + dx, 1 - box.x)),
  h: Math.max(MIN_SIDE, Math.min(box.h + dy, 1 - box.y)),
});
