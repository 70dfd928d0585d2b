/**
 * Statistics that tell whether a matte can be trusted. Colours are sRGB 0…255; colour distances
 * are Euclidean in sRGB (0…441).
 */
import { roundHalfUp } from './numbers.js';

export interface MatteStats {
  /** Estimated background (wall) colour: per-channel median of the sure-background pixels. */
  wallColor: [number, number, number];
  /**
   * 0 = flat wall … 1 = very busy. Mean colour distance of sure-background pixels from the mean
   * wall colour around them (texture, objects, edges), mapped linearly: ≤ 3 → 0, ≥ 33 → 1.
   * A lighting gradient across a plain wall does not count.
   */
  backgroundBusyness: number;
  /**
   * Median colour distance between the local foreground and local wall colour along the person's
   * outline. Low values = clothes/hair close to the wall (the "黑边" rejection).
   */
  edgeContrast: number;
  /** 10th percentile of the same distance: the worst stretch of the outline. */
  edgeContrastLow: number;
  /** Share of the outline whose foreground/wall distance is below 40 (hard to separate). */
  lowContrastFraction: number;
  /**
   * Share of the outline that is low in contrast (as above) where the segmentation is also in doubt:
   * more than half of the 9×9 working cells around it are undecided (0.1 < p < 0.9), i.e. the
   * person fades out over five cells or more instead of ending. There neither the colours nor the
   * segmentation say where the person ends: the matte cannot be trusted.
   */
  lowContrastDoubt: number;
  /** Pixels of the trimap's unknown band relative to the person area. */
  unknownFraction: number;
  /** Person area (alpha ≥ 128) relative to the image. */
  personFraction: number;
  /** Share of the coarse segmentation that is undecided (0.1 < p < 0.9), relative to the person area. */
  coarseUncertainty: number;
  /** Share of the image's bottom row covered by the person (alpha ≥ 128). */
  bottomCoverage: number;
  /** Share of the image that is sure background (0 when the person fills the frame). */
  backgroundFraction: number;
}

export interface StatsInput {
  planes: Float32Array[];
  prob: Float32Array;
  fg: Uint8Array;
  sureFg: Uint8Array;
  sureBg: Uint8Array;
  bgCol: Float32Array[];
  fgCol: Float32Array[];
  lw: number;
  lh: number;
  bandCount: number;
  alpha: Uint8Array;
  W: number;
  H: number;
}

function percentile(values: Float32Array, q: number): number {
  if (values.length === 0) return 0;
  const s = Float32Array.from(values).sort();
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Per-channel median (0…255) of the working-grid colours (0…1) over the sure-background cells. */
export function wallColourOf(planes: Float32Array[], sureBg: Uint8Array): [number, number, number] {
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let n = 0;
  for (let i = 0; i < sureBg.length; i++) {
    if (!sureBg[i]) continue;
    n++;
    for (let c = 0; c < 3; c++) hist[c]![roundHalfUp(planes[c]![i]! * 255)]!++;
  }
  return hist.map((h) => {
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += h[v]!;
      if (acc * 2 >= n && n > 0) return v;
    }
    return 0;
  }) as [number, number, number];
}

/** Foreground–wall colour distance (sRGB) below which an outline cell counts as low in contrast. */
const LOW_CONTRAST = 40;
/** Half-width of the window (working cells) in which the segmentation's doubt is measured. */
const DOUBT_RADIUS = 4;

/** Share of the (2r+1)² working cells around (x, y) where the segmentation is undecided. */
function undecidedShare(prob: Float32Array, lw: number, lh: number, x: number, y: number): number {
  let undecided = 0;
  let n = 0;
  for (let yy = Math.max(0, y - DOUBT_RADIUS); yy <= Math.min(lh - 1, y + DOUBT_RADIUS); yy++) {
    for (let xx = Math.max(0, x - DOUBT_RADIUS); xx <= Math.min(lw - 1, x + DOUBT_RADIUS); xx++) {
      const p = prob[yy * lw + xx]!;
      if (p > 0.1 && p < 0.9) undecided++;
      n++;
    }
  }
  return undecided / n;
}

export function matteStats(s: StatsInput): MatteStats {
  const { planes, prob, fg, sureBg, bgCol, fgCol, lw, lh, alpha, W, H } = s;
  const ln = lw * lh;
  const [R, G, B] = planes as [Float32Array, Float32Array, Float32Array];

  const nbg = sureBg.reduce((a, v) => a + v, 0);
  const wall = wallColourOf(planes, sureBg);

  // Busyness: deviation of sure-background pixels from the local wall colour (window mean).
  let busy = 0;
  if (nbg > 0) {
    let dev = 0;
    for (let i = 0; i < ln; i++) {
      if (!sureBg[i]) continue;
      const dr = R[i]! - bgCol[0]![i]!;
      const dg = G[i]! - bgCol[1]![i]!;
      const db = B[i]! - bgCol[2]![i]!;
      dev += Math.sqrt(dr * dr + dg * dg + db * db);
    }
    const meanDev = (dev / nbg) * 255;
    busy = Math.min(1, Math.max(0, (meanDev - 3) / 30));
  }

  // Edge contrast along the coarse outline (fg pixels with a bg 4-neighbour; not the frame).
  const dists: number[] = [];
  let lowInDoubt = 0;
  for (let y = 1; y < lh - 1; y++) {
    for (let x = 1; x < lw - 1; x++) {
      const i = y * lw + x;
      if (!fg[i]) continue;
      if (fg[i - 1] && fg[i + 1] && fg[i - lw] && fg[i + lw]) continue;
      const dr = fgCol[0]![i]! - bgCol[0]![i]!;
      const dg = fgCol[1]![i]! - bgCol[1]![i]!;
      const db = fgCol[2]![i]! - bgCol[2]![i]!;
      const dist = Math.sqrt(dr * dr + dg * dg + db * db) * 255;
      dists.push(dist);
      if (dist < LOW_CONTRAST && undecidedShare(prob, lw, lh, x, y) > 0.5) lowInDoubt++;
    }
  }
  const d = Float32Array.from(dists);
  let low = 0;
  for (const v of d) if (v < LOW_CONTRAST) low++;

  let person = 0;
  for (let i = 0; i < W * H; i++) if (alpha[i]! >= 128) person++;
  let bottom = 0;
  for (let x = 0, o = (H - 1) * W; x < W; x++) if (alpha[o + x]! >= 128) bottom++;
  let undecided = 0;
  let fgLo = 0;
  for (let i = 0; i < ln; i++) {
    const p = prob[i]!;
    if (p > 0.1 && p < 0.9) undecided++;
    fgLo += fg[i]!;
  }

  const round = (v: number, k = 1000): number => Math.round(v * k) / k;
  return {
    wallColor: wall,
    backgroundBusyness: round(busy),
    edgeContrast: round(percentile(d, 0.5), 10),
    edgeContrastLow: round(percentile(d, 0.1), 10),
    lowContrastFraction: round(d.length ? low / d.length : 0),
    lowContrastDoubt: round(d.length ? lowInDoubt / d.length : 0),
    unknownFraction: round(person ? s.bandCount / person : 0),
    personFraction: round(person / (W * H)),
    coarseUncertainty: round(fgLo ? undecided / fgLo : 0),
    bottomCoverage: round(bottom / W),
    backgroundFraction: round(nbg / ln),
  };
}
