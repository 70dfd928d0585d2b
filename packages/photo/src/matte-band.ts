/**
 * Full-resolution trimap band from a working-grid trimap, and bilinear sampling of working-grid
 * planes at full-resolution pixels.
 */

export interface Band {
  /** Full-resolution alpha prefilled: 255 in sure foreground, 0 in sure background and band. */
  alpha: Uint8Array;
  /** Indices (y·W + x) of the full-resolution pixels in the unknown band. */
  indices: Int32Array;
}

/** Map the working-grid trimap (sure fg / sure bg / rest = unknown) to full resolution (nearest). */
export function buildBand(
  sureFg: Uint8Array,
  sureBg: Uint8Array,
  lw: number,
  lh: number,
  W: number,
  H: number,
): Band {
  const alpha = new Uint8Array(W * H);
  const xmap = new Int32Array(W);
  for (let x = 0; x < W; x++) xmap[x] = Math.min(lw - 1, Math.floor((x * lw) / W));
  const idx: number[] = [];
  for (let y = 0; y < H; y++) {
    const row = Math.min(lh - 1, Math.floor((y * lh) / H)) * lw;
    const o = y * W;
    for (let x = 0; x < W; x++) {
      const j = row + xmap[x]!;
      if (sureFg[j]) alpha[o + x] = 255;
      else if (!sureBg[j]) idx.push(o + x);
    }
  }
  return { alpha, indices: Int32Array.from(idx) };
}

/** Bilinear sample of a w×h plane at grid coordinates (gx, gy), clamped to the plane. */
export function sampleBilinear(plane: Float32Array, w: number, h: number, gx: number, gy: number): number {
  const x = gx < 0 ? 0 : gx > w - 1 ? w - 1 : gx;
  const y = gy < 0 ? 0 : gy > h - 1 ? h - 1 : gy;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = x0 + 1 < w ? x0 + 1 : x0;
  const y1 = y0 + 1 < h ? y0 + 1 : y0;
  const fx = x - x0;
  const fy = y - y0;
  const a = plane[y0 * w + x0]!;
  const b = plane[y0 * w + x1]!;
  const c = plane[y1 * w + x0]!;
  const d = plane[y1 * w + x1]!;
  const top = a + (b - a) * fx;
  return top + (c + (d - c) * fx - top) * fy;
}
