// A free-form lasso: the polygon a pointer drew on screen, turned into layout coordinates once, and the points inside
// it by the even-odd rule (a ray crossing count), checked against the polygon's bounding box first.

/**
 * @param {Array<{x: number, y: number}>} polygon  screen points (CSS pixels), in drawing order
 * @returns {number[]} indices of the points inside
 */
export function pointsInside(polygon, camera, xy) {
  if (polygon.length < 3) return [];
  const px = polygon.map((p) => camera.worldX(p.x));
  const py = polygon.map((p) => camera.worldY(p.y));
  const minX = Math.min(...px); const maxX = Math.max(...px);
  const minY = Math.min(...py); const maxY = Math.max(...py);
  const inside = [];
  const count = xy.length / 2;
  for (let i = 0; i < count; i += 1) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (x < minX || x > maxX || y < minY || y > maxY) continue;
    let crossings = false;
    for (let a = 0, b = px.length - 1; a < px.length; b = a, a += 1) {
      if ((py[a] > y) !== (py[b] > y) && x < ((px[b] - px[a]) * (y - py[a])) / (py[b] - py[a]) + px[a]) crossings = !crossings;
    }
    if (crossings) inside.push(i);
  }
  return inside;
}

/** The view's rectangle as a lasso, inset a little: what a keyboard user selects with Enter in lasso mode. */
export function viewPolygon(camera, inset = 8) {
  const { width, height } = camera;
  return [{ x: inset, y: inset }, { x: width - inset, y: inset }, { x: width - inset, y: height - inset }, { x: inset, y: height - inset }];
}
