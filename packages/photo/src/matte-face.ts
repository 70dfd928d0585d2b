/**
 * Face-aware fixes of the matte: the face itself is always person, and skin-coloured pixels beside
 * the face (the ears) are not let half-transparent when the wall behind them is not skin-coloured.
 * Ears are thin, so the coarse segmentation is unsure there and colour unmixing against a textured
 * or similar wall can leave them see-through; a see-through ear is a visible defect in an ID photo.
 */
import type { Raster, Rect } from './types.js';
import { median, roundHalfUp } from './numbers.js';

/** Chromaticity (r, g) of an RGB triple, and its brightness. */
function chroma(r: number, g: number, b: number): [number, number, number] {
  const s = r + g + b + 1e-3;
  return [r / s, g / s, s];
}

/** Median skin colour of the face's central area (cheeks, nose). */
export function skinColour(image: Raster, f: Rect): [number, number, number] | null {
  const { data, width, height, channels } = image;
  const rs: number[] = [];
  const gs: number[] = [];
  const bs: number[] = [];
  const x0 = Math.max(0, Math.round(f.x + f.width * 0.3));
  const x1 = Math.min(width, Math.round(f.x + f.width * 0.7));
  const y0 = Math.max(0, Math.round(f.y + f.height * 0.45));
  const y1 = Math.min(height, Math.round(f.y + f.height * 0.72));
  const step = Math.max(1, Math.round((x1 - x0) / 24));
  for (let y = y0; y < y1; y += step) {
    for (let x = x0; x < x1; x += step) {
      const p = (y * width + x) * channels;
      rs.push(data[p]!);
      gs.push(data[p + 1]!);
      bs.push(data[p + 2]!);
    }
  }
  if (rs.length === 0) return null;
  return [median(rs), median(gs), median(bs)];
}

/** Coarse probability below which a skin-coloured pixel beside the face is not taken for an ear. */
const minProb = 0.25;

/** How skin-like a colour is relative to the face's skin (1 = same chroma, plausible shading). */
function skinLikeness(r: number, g: number, b: number, skin: [number, number, number]): number {
  const [cr, cg, cs] = chroma(r, g, b);
  const [sr, sg, ss] = chroma(skin[0], skin[1], skin[2]);
  const d = Math.hypot(cr - sr, cg - sg);
  const light = cs / ss;
  if (light < 0.35 || light > 1.35) return 0;
  const c = 1 - (d - 0.03) / 0.04;
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/**
 * Raise alpha to the skin likeness of soft pixels left and right of each face, at ear height, unless
 * the wall is skin-coloured itself. Then make the face's central area opaque.
 */
export function protectFaces(
  alpha: Uint8Array,
  foreground: Uint8Array,
  image: Raster,
  faces: Rect[],
  wall: [number, number, number],
  coarse?: { prob: Float32Array; width: number; height: number },
): void {
  const { data, width: W, height: H, channels: C } = image;
  for (const f of faces) {
    const skin = skinColour(image, f);
    if (skin && skinLikeness(wall[0], wall[1], wall[2], skin) < 0.2) {
      const y0 = Math.max(0, Math.round(f.y + f.height * 0.2));
      const y1 = Math.min(H, Math.round(f.y + f.height * 0.85));
      const spans: [number, number][] = [
        [f.x - f.width * 0.25, f.x + f.width * 0.1],
        [f.x + f.width * 0.9, f.x + f.width * 1.25],
      ];
      for (const [a, b] of spans) {
        const x0 = Math.max(0, Math.round(a));
        const x1 = Math.min(W, Math.round(b));
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            const i = y * W + x;
            const al = alpha[i]!;
            if (al === 0 || al === 255) continue;
            // Only where the segmentation itself half-believes in a person (ears: p ≈ 0.5).
            if (coarse) {
              const gx = Math.min(coarse.width - 1, Math.floor((x * coarse.width) / W));
              const gy = Math.min(coarse.height - 1, Math.floor((y * coarse.height) / H));
              if (coarse.prob[gy * coarse.width + gx]! < minProb) continue;
            }
            const p = i * C;
            const s = skinLikeness(data[p]!, data[p + 1]!, data[p + 2]!, skin);
            const v = roundHalfUp(s * 255);
            if (v > al) {
              alpha[i] = v;
              // Opaque skin keeps its own colour (the unmixing assumed a lower alpha).
              foreground[i * 3] = data[p]!;
              foreground[i * 3 + 1] = data[p + 1]!;
              foreground[i * 3 + 2] = data[p + 2]!;
            }
          }
        }
      }
    }
    const x0 = Math.max(0, Math.round(f.x + f.width * 0.2));
    const x1 = Math.min(W, Math.round(f.x + f.width * 0.8));
    const y0 = Math.max(0, Math.round(f.y + f.height * 0.2));
    const y1 = Math.min(H, Math.round(f.y + f.height * 0.8));
    for (let y = y0; y < y1; y++) alpha.fill(255, y * W + x0, y * W + x1);
  }
}
