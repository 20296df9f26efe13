// Draws every point as a small square straight into the canvas's pixels (one Uint32Array over an ImageData), because
// 100,000 fillRect or arc calls take far longer per frame than one pass over typed arrays and one putImageData.

/** A CSS colour ("#rrggbb", "rgb(r g b)" or "rgb(r, g, b)") as a pixel for a little-endian Uint32Array over RGBA bytes. */
export function pixelOf(colour) {
  const text = colour.trim();
  let r = 0; let g = 0; let b = 0;
  const hex = /^#([0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const n = Number.parseInt(hex[1], 16);
    r = n >> 16; g = (n >> 8) & 255; b = n & 255;
  } else {
    const parts = text.match(/[\d.]+/g)?.map(Number) ?? [];
    [r = 0, g = 0, b = 0] = parts;
  }
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** <pixel> moved <share> of the way towards <towards>: points outside a lasso selection fade into the background. */
export function mixPixel(pixel, towards, share) {
  const channel = (shift) => {
    const a = (pixel >>> shift) & 255;
    const b = (towards >>> shift) & 255;
    return Math.round(a + (b - a) * share) << shift;
  };
  return ((255 << 24) | channel(16) | channel(8) | channel(0)) >>> 0;
}

/**
 * Fills <pixels> (width × height device pixels) with the background and every point inside the view.
 * @param {{pixels: Uint32Array, width: number, height: number, ratio: number, camera: any, xy: Float32Array,
 *   modality: Uint8Array, colours: Uint32Array, faded: Uint32Array, background: number, selected: Uint8Array | null,
 *   visible: Int32Array}} frame  ratio: device pixels per CSS pixel; visible: receives the indices of the first
 *   points drawn (as many as it holds)
 * @returns {number} how many points were inside the view
 */
export function drawPoints({ pixels, width, height, ratio, camera, xy, modality, colours, faded, background, selected, visible }) {
  pixels.fill(background);
  // A small map gets big dots, a 100,000-point one small ones (else clusters turn into blots); all grow a little as
  // the view zooms in, so a sparse close-up still reads as points, not dust.
  const count = modality.length;
  const base = count < 2000 ? 7 : count < 20000 ? 4 : 2;
  const size = Math.max(2, Math.round(Math.min(9, base + Math.log2(Math.max(1, camera.zoom)) * 0.75) * ratio));
  const half = size >> 1;
  const stamp = discOf(size);
  const scale = camera.scale * ratio;
  const offsetX = (camera.width / 2) * ratio - camera.cx * scale;
  const offsetY = (camera.height / 2) * ratio - camera.cy * scale;
  let drawn = 0;
  for (let i = 0; i < count; i += 1) {
    const left = Math.round(xy[2 * i] * scale + offsetX) - half;
    const top = Math.round(xy[2 * i + 1] * scale + offsetY) - half;
    if (left + size <= 0 || top + size <= 0 || left >= width || top >= height) continue;
    if (drawn < visible.length) visible[drawn] = i;
    drawn += 1;
    const code = modality[i] & 3;
    const pixel = selected === null || selected[i] ? colours[code] : faded[code];
    const y1 = Math.min(height, top + size);
    for (let y = Math.max(0, top); y < y1; y += 1) {
      const row = y * width;
      // The disc's span on this row: a square below 5 pixels, where a disc would only lose its corners.
      const inset = stamp[y - top];
      const x1 = Math.min(width, left + size - inset);
      for (let x = Math.max(0, left + inset); x < x1; x += 1) pixels[row + x] = pixel;
    }
  }
  return drawn;
}

const discs = new Map();

/** For each row of a <size>-pixel dot, how many pixels its left and right ends are cut to make it round. */
function discOf(size) {
  let disc = discs.get(size);
  if (!disc) {
    const r = size / 2;
    disc = Uint8Array.from({ length: size }, (_, row) => {
      if (size < 5) return 0;
      const dy = row + 0.5 - r;
      return Math.max(0, Math.round(r - Math.sqrt(Math.max(0, r * r - dy * dy))));
    });
    discs.set(size, disc);
  }
  return disc;
}
