// Where the map is looked at from: a centre in layout units and a scale in CSS pixels per unit. Pan moves the centre,
// zoom changes the scale around a fixed screen point (the cursor, the pinch's midpoint, or the middle for keys).

const MIN_ZOOM = 0.25;   // relative to the scale that fits the whole map
const MAX_ZOOM = 4000;   // far enough to pull apart points that UMAP put almost on top of each other

export class Camera {
  constructor() {
    this.cx = 0;
    this.cy = 0;
    this.scale = 1;
    this.fitScale = 1;
    this.width = 1;
    this.height = 1;
  }

  /** Shows the whole of <bounds> with a margin. */
  fit(bounds, width, height) {
    this.width = width;
    this.height = height;
    const spanX = Math.max(1e-6, bounds.maxX - bounds.minX);
    const spanY = Math.max(1e-6, bounds.maxY - bounds.minY);
    const margin = 24;
    this.fitScale = Math.max(1e-6, Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY));
    this.scale = this.fitScale;
    this.cx = (bounds.minX + bounds.maxX) / 2;
    this.cy = (bounds.minY + bounds.maxY) / 2;
  }

  /** A new viewport size keeps the centre and the scale. */
  resize(width, height) {
    this.width = width;
    this.height = height;
  }

  /** How far in the view is zoomed, 1 for the whole map. */
  get zoom() { return this.scale / this.fitScale; }

  screenX(x) { return (x - this.cx) * this.scale + this.width / 2; }

  screenY(y) { return (y - this.cy) * this.scale + this.height / 2; }

  worldX(sx) { return (sx - this.width / 2) / this.scale + this.cx; }

  worldY(sy) { return (sy - this.height / 2) / this.scale + this.cy; }

  panBy(dx, dy) {
    this.cx -= dx / this.scale;
    this.cy -= dy / this.scale;
  }

  /** Multiplies the scale by <factor>, keeping the layout point under (sx, sy) where it is. */
  zoomAt(factor, sx = this.width / 2, sy = this.height / 2) {
    const x = this.worldX(sx);
    const y = this.worldY(sy);
    this.scale = Math.min(this.fitScale * MAX_ZOOM, Math.max(this.fitScale * MIN_ZOOM, this.scale * factor));
    this.cx = x - (sx - this.width / 2) / this.scale;
    this.cy = y - (sy - this.height / 2) / this.scale;
  }
}
