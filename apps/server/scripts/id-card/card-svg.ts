import type { Specimen } from './specimens.js';

/** Card size in millimetres (ISO/IEC 7810 ID-1) and the rendering scale. */
export const CARD_MM = { width: 85.6, height: 54 };
export const PX_PER_MM = 12;
export const CARD_PX = { width: Math.round(CARD_MM.width * PX_PER_MM), height: Math.round(CARD_MM.height * PX_PER_MM) };

const SANS = "'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif";
const NUMBER_FONT = "'OCR B', 'OCR-B', 'DejaVu Sans Mono', monospace";
const LABEL = '#2f6ea8';
const INK = '#161616';

const mm = (v: number) => (v * PX_PER_MM).toFixed(1);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Pale guilloche-like waves across the card, as on the printed security background. */
function guilloche(): string {
  const lines: string[] = [];
  const { width, height } = CARD_PX;
  const colours = ['#b9d6d8', '#d8c8dc', '#c6dcc4'];
  for (let i = 0; i < 42; i++) {
    const y0 = (i / 42) * height;
    const amp = 10 + (i % 5) * 4;
    const period = 140 + (i % 7) * 22;
    const phase = i * 0.7;
    const pts: string[] = [];
    for (let x = 0; x <= width; x += 8) pts.push(`${x},${(y0 + amp * Math.sin((x / period) * 2 * Math.PI + phase)).toFixed(1)}`);
    lines.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="${colours[i % 3]}" stroke-width="1.1" opacity="0.75"/>`);
  }
  // rosette behind the photo area
  const cx = CARD_PX.width * 0.62;
  const cy = CARD_PX.height * 0.55;
  for (let k = 0; k < 18; k++) {
    const r = 60 + k * 9;
    lines.push(`<ellipse cx="${cx}" cy="${cy}" rx="${r}" ry="${r * 0.55}" transform="rotate(${k * 10} ${cx} ${cy})" fill="none" stroke="#cfe0ea" stroke-width="0.9" opacity="0.6"/>`);
  }
  return lines.join('\n');
}

/** A neutral head-and-shoulders silhouette standing in for the holder's photo. */
function portrait(): string {
  const x = 56.5 * PX_PER_MM;
  const y = 6.5 * PX_PER_MM;
  const w = 24 * PX_PER_MM;
  const h = 31 * PX_PER_MM;
  const cx = x + w / 2;
  return `
  <rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#f3f5f7" opacity="0.85"/>
  <path d="M ${x + w * 0.08} ${y + h} C ${x + w * 0.1} ${y + h * 0.74}, ${x + w * 0.3} ${y + h * 0.68}, ${cx} ${y + h * 0.67}
           C ${x + w * 0.7} ${y + h * 0.68}, ${x + w * 0.9} ${y + h * 0.74}, ${x + w * 0.92} ${y + h} Z" fill="#3d4654"/>
  <rect x="${cx - w * 0.08}" y="${y + h * 0.55}" width="${w * 0.16}" height="${h * 0.14}" fill="#c9a48a"/>
  <ellipse cx="${cx}" cy="${y + h * 0.4}" rx="${w * 0.2}" ry="${h * 0.2}" fill="#d9b59a"/>
  <path d="M ${cx - w * 0.21} ${y + h * 0.38} C ${cx - w * 0.22} ${y + h * 0.16}, ${cx + w * 0.22} ${y + h * 0.16}, ${cx + w * 0.21} ${y + h * 0.38}
           C ${cx + w * 0.16} ${y + h * 0.27}, ${cx - w * 0.16} ${y + h * 0.27}, ${cx - w * 0.21} ${y + h * 0.38} Z" fill="#1d1d22"/>`;
}

function text(xMm: number, yMm: number, content: string, opts: { size: number; fill?: string; font?: string; weight?: number; spacing?: number }) {
  const spacing = opts.spacing ? ` letter-spacing="${opts.spacing}"` : '';
  return `<text x="${mm(xMm)}" y="${mm(yMm)}" font-family="${opts.font ?? SANS}" font-size="${opts.size}" font-weight="${opts.weight ?? 400}" fill="${opts.fill ?? INK}"${spacing}>${esc(content)}</text>`;
}

/** The front (人像面) of a second-generation resident ID card, laid out like the real one, as SVG. */
export function cardSvg(s: Specimen): string {
  const label = (x: number, y: number, t: string, spacing = 4) => text(x, y, t, { size: 28, fill: LABEL, spacing });
  const value = (x: number, y: number, t: string, size = 34) => text(x, y, t, { size, weight: 500 });
  const { year, month, day } = s.birth;
  const birthY = 25.6;
  const parts = [
    label(6.5, 11.2, '姓 名', 6),
    text(16.5, 11.4, s.name, { size: 40, weight: 500, spacing: 3 }),
    label(6.5, 18.4, '性 别', 6),
    value(16.5, 18.5, s.sex),
    label(27, 18.4, '民 族', 6),
    value(37, 18.5, s.ethnicity),
    label(6.5, birthY, '出 生', 6),
    value(16.5, birthY + 0.1, String(year)),
    label(27.6, birthY, '年'),
    value(31.5, birthY + 0.1, String(month)),
    label(35.6, birthY, '月'),
    value(39.5, birthY + 0.1, String(day)),
    label(43.6, birthY, '日'),
    label(6.5, 32.8, '住 址', 6),
    ...s.address.map((line, i) => value(16.5, 32.9 + i * 4.6, line, 32)),
    label(6.5, 49.6, '公民身份号码', 2),
    text(30.5, 49.8, s.idNumber, { size: 42, font: NUMBER_FONT, spacing: 2 }),
  ];
  const r = 3.2 * PX_PER_MM;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_PX.width}" height="${CARD_PX.height}" viewBox="0 0 ${CARD_PX.width} ${CARD_PX.height}">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#eef5f2"/><stop offset="0.55" stop-color="#f7f4ee"/><stop offset="1" stop-color="#eaf0f6"/>
    </linearGradient>
    <clipPath id="card"><rect width="${CARD_PX.width}" height="${CARD_PX.height}" rx="${r}" ry="${r}"/></clipPath>
  </defs>
  <g clip-path="url(#card)">
    <rect width="${CARD_PX.width}" height="${CARD_PX.height}" fill="url(#bg)"/>
    ${guilloche()}
    ${portrait()}
    ${parts.join('\n    ')}
  </g>
</svg>`;
}
