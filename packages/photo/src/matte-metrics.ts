/**
 * Matte quality metrics against a reference mask: IoU of the masks binarised at 128 and the
 * boundary F-measure (boundary pixels matched within a tolerance, default 3 px).
 */

/** Binarise an 8-bit single-channel mask at `threshold` (≥ threshold = 1). */
export function binarise(mask: Uint8Array, threshold = 128): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) out[i] = mask[i]! >= threshold ? 1 : 0;
  return out;
}

/** Intersection over union of two binary masks (1 when both are empty). */
export function iou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    inter += x & y;
    union += x | y;
  }
  return union === 0 ? 1 : inter / union;
}

/** Boundary pixels of a binary mask: set pixels with a 4-neighbour unset (image frame excluded). */
export function boundary(m: Uint8Array, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!m[i]) continue;
      if ((x > 0 && !m[i - 1]) || (x < w - 1 && !m[i + 1]) || (y > 0 && !m[i - w]) || (y < h - 1 && !m[i + w])) {
        out[i] = 1;
      }
    }
  }
  return out;
}

/** Dilate a binary mask by a disc of radius r. */
function dilateDisc(m: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(w * h);
  const offs: [number, number][] = [];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) if (dx * dx + dy * dy <= r * r) offs.push([dx, dy]);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!m[y * w + x]) continue;
      for (const [dx, dy] of offs) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && xx < w && yy >= 0 && yy < h) out[yy * w + xx] = 1;
      }
    }
  }
  return out;
}

/** Boundary F-measure of binary masks `pred` and `ref` with matching tolerance `tol` px. */
export function boundaryF(pred: Uint8Array, ref: Uint8Array, w: number, h: number, tol = 3): number {
  const bp = boundary(pred, w, h);
  const br = boundary(ref, w, h);
  const dp = dilateDisc(bp, w, h, tol);
  const dr = dilateDisc(br, w, h, tol);
  let np = 0;
  let nr = 0;
  let hitP = 0;
  let hitR = 0;
  for (let i = 0; i < w * h; i++) {
    if (bp[i]) {
      np++;
      hitP += dr[i]!;
    }
    if (br[i]) {
      nr++;
      hitR += dp[i]!;
    }
  }
  if (np === 0 && nr === 0) return 1;
  if (np === 0 || nr === 0) return 0;
  const precision = hitP / np;
  const recall = hitR / nr;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}
