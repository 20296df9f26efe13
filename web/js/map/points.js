// The embedding map's binary form (docs/map.md, version 1) read without copying: each column is a typed array over
// the response's ArrayBuffer, so 100,000 points cost no parsing beyond the 40-byte header.

const MAGIC = 0x504d4553; // "SEMP" read as a little-endian uint32
const HEADER = 40;

/** The modalities in the order of the format's modality codes (0 image, 1 audio, 2 video, 3 text). */
export const MODALITY_CODES = Object.freeze(['image', 'audio', 'video', 'text']);

/**
 * @param {ArrayBuffer} buffer
 * @returns {{count: number, sequence: bigint, bounds: {minX: number, minY: number, maxX: number, maxY: number},
 *   ids: BigInt64Array, xy: Float32Array, modality: Uint8Array}}
 */
export function readPoints(buffer) {
  const view = new DataView(buffer);
  if (buffer.byteLength < HEADER || view.getUint32(0, true) !== MAGIC) throw new Error('The map is not in the expected format.');
  const version = view.getUint16(4, true);
  if (version !== 1) throw new Error(`The map is in format version ${version}; this page reads version 1.`);
  const count = view.getUint32(8, true);
  if (buffer.byteLength < HEADER + 17 * count) throw new Error('The map was cut short.');
  return {
    count,
    sequence: view.getBigInt64(16, true),
    bounds: { minX: view.getFloat32(24, true), minY: view.getFloat32(28, true), maxX: view.getFloat32(32, true), maxY: view.getFloat32(36, true) },
    ids: new BigInt64Array(buffer, HEADER, count),
    xy: new Float32Array(buffer, HEADER + 8 * count, 2 * count),
    modality: new Uint8Array(buffer, HEADER + 16 * count, count),
  };
}

/** Indices of the points whose ids are in <ids> (strings, as the search API gives them). */
export function indicesOf(points, ids) {
  const wanted = new Set();
  for (const id of ids) {
    try { wanted.add(BigInt(id)); } catch { /* not a number: not on the map */ }
  }
  const found = [];
  if (wanted.size === 0) return found;
  for (let i = 0; i < points.count; i += 1) if (wanted.has(points.ids[i])) found.push(i);
  return found;
}
