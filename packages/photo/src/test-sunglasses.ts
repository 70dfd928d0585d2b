/**
 * Sunglasses drawn onto a real portrait, for the tests and for scripts/eval-sunglasses.ts: lenses placed
 * on the pupils, sized by the distance d between them. The styles differ where the eye checks can be
 * fooled: lens size (over the cheeks, or smaller than the eye boxes), tint (dark, brown like skin, light
 * mirror), frame and highlights.
 */
import sharp from 'sharp';
import type { Point } from './types.js';

type Lens = (a: Point, b: Point, d: number, fill: string) => string;

export const LENS_STYLES = {
  /** dark rounded rectangles with a bridge */
  black: (a, b, d) =>
    [a, b].map((c) => `<rect x="${c.x - 0.55 * d}" y="${c.y - 0.32 * d}" width="${1.1 * d}" height="${0.62 * d}" rx="${0.28 * d}" fill="#111" stroke="#000" stroke-width="${0.06 * d}"/>`).join('') +
    `<line x1="${a.x + 0.5 * d}" y1="${a.y - 0.15 * d}" x2="${b.x - 0.5 * d}" y2="${b.y - 0.15 * d}" stroke="#000" stroke-width="${0.06 * d}"/>`,
  /** large brown teardrops reaching down over the cheeks, gold frame, a highlight */
  aviator: (a, b, d, fill) =>
    [a, b]
      .map(
        (c, i) =>
          `<ellipse cx="${c.x + (i ? 0.05 : -0.05) * d}" cy="${c.y + 0.05 * d}" rx="${0.5 * d}" ry="${0.38 * d}" fill="${fill}" fill-opacity="0.93" stroke="#b8a060" stroke-width="${0.03 * d}"/>` +
          `<ellipse cx="${c.x - 0.15 * d}" cy="${c.y - 0.1 * d}" rx="${0.15 * d}" ry="${0.06 * d}" fill="#fff" fill-opacity="0.5"/>`,
      )
      .join(''),
  /** light blue mirror lenses with a sky-like gradient */
  mirror: (a, b, d) =>
    `<defs><linearGradient id="mirror" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fb8e0"/><stop offset="0.5" stop-color="#d0e4f0"/><stop offset="1" stop-color="#4a6a8a"/></linearGradient></defs>` +
    [a, b].map((c) => `<rect x="${c.x - 0.5 * d}" y="${c.y - 0.3 * d}" width="${d}" height="${0.6 * d}" rx="${0.2 * d}" fill="url(#mirror)" stroke="#222" stroke-width="${0.04 * d}"/>`).join(''),
  /** dark green trapezoids in a thick black frame */
  wayfarer: (a, b, d) =>
    [a, b]
      .map((c, i) => {
        const s = i ? 1 : -1;
        return `<path d="M ${c.x - 0.5 * d} ${c.y - 0.3 * d} L ${c.x + 0.5 * d} ${c.y - 0.3 * d} L ${c.x + (0.42 + 0.04 * s) * d} ${c.y + 0.28 * d} L ${c.x - (0.42 - 0.04 * s) * d} ${c.y + 0.28 * d} Z" fill="#1f2a1f" fill-opacity="0.9" stroke="#0a0a0a" stroke-width="${0.09 * d}"/>`;
      })
      .join(''),
  /** small round red-brown lenses, thin frame (skin shows around them) */
  round: (a, b, d) =>
    [a, b].map((c) => `<circle cx="${c.x}" cy="${c.y}" r="${0.3 * d}" fill="#502020" fill-opacity="0.8" stroke="#999" stroke-width="${0.02 * d}"/>`).join(''),
  /** dark at the top, lighter and more see-through at the bottom */
  gradient: (a, b, d) =>
    `<defs><linearGradient id="fade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#202020" stop-opacity="0.97"/><stop offset="1" stop-color="#505050" stop-opacity="0.7"/></linearGradient></defs>` +
    [a, b].map((c) => `<rect x="${c.x - 0.52 * d}" y="${c.y - 0.33 * d}" width="${1.04 * d}" height="${0.66 * d}" rx="${0.3 * d}" fill="url(#fade)"/>`).join(''),
} satisfies Record<string, Lens>;

export type LensStyle = keyof typeof LENS_STYLES;

/**
 * The photo (EXIF orientation applied, alpha dropped) with sunglasses of `style` on the given pupils, as a
 * quality-92 JPEG. `fill` tints the aviator lenses (default dark brown).
 */
export async function withSunglasses(
  bytes: Uint8Array | Buffer,
  pupils: { left: Point; right: Point },
  style: LensStyle,
  fill = '#3a3020',
): Promise<Buffer> {
  // the size after EXIF orientation, read from the header
  const { width, height } = (await sharp(bytes).metadata()).autoOrient;
  const d = Math.hypot(pupils.right.x - pupils.left.x, pupils.right.y - pupils.left.y);
  const lens: Lens = LENS_STYLES[style];
  const svg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${lens(pupils.left, pupils.right, d, fill)}</svg>`;
  return sharp(bytes).rotate().removeAlpha().composite([{ input: Buffer.from(svg) }]).jpeg({ quality: 92 }).toBuffer();
}
