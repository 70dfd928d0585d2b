/**
 * 图像采集码 QR sheets: A4 pages of 3 × 8 labels, each with a QR code (qrcode, MIT) drawn as vector
 * squares and lines of text (name, 学号, the batch's 特征码) laid out with pdf-lib (MIT).
 *
 * Text: glyph outlines from Noto Sans SC (an npm font, via @gradphoto/photo/label-text), so Chinese renders
 * on any machine and in any viewer without a font. Each distinct character is drawn once into a form
 * XObject and placed by reference, which keeps a 5,000-label sheet small and quick to build.
 */
import {
  PDFDocument,
  appendBezierCurve,
  appendQuadraticCurve,
  closePath,
  fillAndStroke,
  lineTo,
  moveTo,
  setLineJoin,
  setLineWidth,
  LineJoinStyle,
  type PDFOperator,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import QRCode from 'qrcode';
import { textOutline } from '@gradphoto/photo/label-text';

export interface QrLabel {
  /** What the QR code holds. */
  payload: string;
  /** Lines beside the QR code; the first is larger. */
  lines: string[];
}

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const GRID = { cols: 3, rows: 8, marginX: 6 * MM, marginTop: 10 * MM, marginBottom: 11 * MM };
export const LABELS_PER_PAGE = GRID.cols * GRID.rows;
const GLYPH_EM = 1000;
const INK = 0.1;

/** Dark-module runs of a QR code: [x, y, length] per run, and the module count per side. */
export function qrRuns(payload: string): { runs: Array<[number, number, number]>; size: number } {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const runs: Array<[number, number, number]> = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; ) {
      if (!qr.modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && qr.modules.get(y, x)) x++;
      runs.push([start, y, x - start]);
    }
  }
  return { runs, size: n };
}

/** The QR code as an SVG (black squares on white, with a quiet zone), e.g. to rasterise and scan in tests. */
export function qrSvg(payload: string, pxPerModule = 6): string {
  const { runs, size } = qrRuns(payload);
  const side = (size + 8) * pxPerModule;
  const d = runs.map(([x, y, w]) => `M${x + 4} ${y + 4}h${w}v1h${-w}Z`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 ${size + 8} ${size + 8}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** SVG path data (absolute M/L/Q/C/Z, and h/v for missing-glyph boxes) → PDF path operators, y flipped. */
function pathOperators(d: string): PDFOperator[] {
  const ops: PDFOperator[] = [];
  const tokens = d.match(/[MLQCZhv]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  let i = 0;
  let cx = 0;
  let cy = 0;
  const num = () => Number(tokens[i++]);
  while (i < tokens.length) {
    const cmd = tokens[i++];
    switch (cmd) {
      case 'M':
        cx = num();
        cy = num();
        ops.push(moveTo(cx, -cy));
        break;
      case 'L':
        cx = num();
        cy = num();
        ops.push(lineTo(cx, -cy));
        break;
      case 'h':
        cx += num();
        ops.push(lineTo(cx, -cy));
        break;
      case 'v':
        cy += num();
        ops.push(lineTo(cx, -cy));
        break;
      case 'Q': {
        const [x1, y1] = [num(), num()];
        cx = num();
        cy = num();
        ops.push(appendQuadraticCurve(x1, -y1, cx, -cy));
        break;
      }
      case 'C': {
        const [x1, y1, x2, y2] = [num(), num(), num(), num()];
        cx = num();
        cy = num();
        ops.push(appendBezierCurve(x1, -y1, x2, -y2, cx, -cy));
        break;
      }
      case 'Z':
        ops.push(closePath());
        break;
      default:
        break;
    }
  }
  return ops;
}

const f = (v: number) => (Math.round(v * 1000) / 1000).toString();

/** Glyphs as form XObjects, one per character per document; placed on pages by name. */
function glyphCache(doc: PDFDocument) {
  const glyphs = new Map<string, { ref: PDFRef; advance: number }>();
  const names = new Map<PDFPage, Map<string, string>>();
  function glyph(ch: string) {
    let g = glyphs.get(ch);
    if (!g) {
      const o = textOutline(ch, GLYPH_EM);
      const ops = [setLineWidth(o.strokeWidth), setLineJoin(LineJoinStyle.Round), ...pathOperators(o.d), o.d ? fillAndStroke() : closePath()];
      const stream = doc.context.formXObject(ops, { BBox: [-200, -400, Math.max(GLYPH_EM, o.width) + 200, 1200] });
      g = { ref: doc.context.register(stream), advance: o.width };
      glyphs.set(ch, g);
    }
    return g;
  }
  return {
    width: (text: string, sizePt: number) => Array.from(text).reduce((w, ch) => w + glyph(ch).advance, 0) * (sizePt / GLYPH_EM),
    /** Content-stream text that draws one line with its baseline at (x, y). */
    draw(page: PDFPage, text: string, x: number, y: number, sizePt: number): string {
      let pageNames = names.get(page);
      if (!pageNames) names.set(page, (pageNames = new Map()));
      const k = sizePt / GLYPH_EM;
      let out = `q ${INK} g ${INK} G\n`;
      let pen = x;
      for (const ch of text) {
        const g = glyph(ch);
        if (ch.trim()) {
          let name = pageNames.get(ch);
          if (!name) pageNames.set(ch, (name = page.node.newXObject('G', g.ref).asString()));
          out += `q ${f(k)} 0 0 ${f(k)} ${f(pen)} ${f(y)} cm ${name} Do Q\n`;
        }
        pen += g.advance * k;
      }
      return out + 'Q\n';
    },
  };
}

/** A PDF of QR labels, 24 to an A4 page, with cut guides and a footer line per page. */
export async function renderQrSheet(labels: QrLabel[], footer: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(footer);
  doc.setCreator('gradphoto');
  const text = glyphCache(doc);
  /** Shrinks the size to fit the width, then cuts the text with an ellipsis if it still does not fit. */
  const fit = (s: string, size: number, maxWidth: number): [string, number] => {
    let w = text.width(s, size);
    if (w <= maxWidth) return [s, size];
    const smaller = Math.max(5, size * (maxWidth / w));
    let chars = Array.from(s);
    while (chars.length > 1 && (w = text.width(chars.join('') + '…', smaller)) > maxWidth) chars = chars.slice(0, -1);
    return [chars.length === Array.from(s).length ? s : chars.join('') + '…', smaller];
  };
  const cellW = (PAGE.width - 2 * GRID.marginX) / GRID.cols;
  const cellH = (PAGE.height - GRID.marginTop - GRID.marginBottom) / GRID.rows;
  const qrSide = cellH - 4 * MM;
  const pages = Math.max(1, Math.ceil(labels.length / LABELS_PER_PAGE));
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    let content = '';
    labels.slice(p * LABELS_PER_PAGE, (p + 1) * LABELS_PER_PAGE).forEach((label, i) => {
      const left = GRID.marginX + (i % GRID.cols) * cellW;
      const top = PAGE.height - GRID.marginTop - Math.floor(i / GRID.cols) * cellH;
      // cut guide
      content += `q 0.75 G 0.4 w [2 2] 0 d ${f(left)} ${f(top - cellH)} ${f(cellW)} ${f(cellH)} re S Q\n`;
      // the QR code: one filled rectangle per run of dark modules, in module units, rows going down
      const { runs, size } = qrRuns(label.payload);
      const quiet = 2;
      const unit = qrSide / (size + 2 * quiet);
      const x0 = left + 2 * MM + quiet * unit;
      const y0 = top - 2 * MM - quiet * unit;
      content += `q 0 g ${f(unit)} 0 0 ${f(-unit)} ${f(x0)} ${f(y0)} cm\n${runs.map(([x, y, w]) => `${x} ${y} ${w} 1 re`).join('\n')}\nf Q\n`;
      const textX = left + 2 * MM + qrSide + 1.5 * MM;
      const textW = left + cellW - 2 * MM - textX;
      let baseline = top - 4 * MM - 10;
      label.lines.forEach((line, li) => {
        const [s, size] = fit(line, li === 0 ? 11 : 7.5, textW);
        content += text.draw(page, s, textX, baseline, size);
        baseline -= li === 0 ? 16 : 11.5;
      });
    });
    const [s, size] = fit(`${footer}\u3000${p + 1} / ${pages}`, 7, PAGE.width - 2 * GRID.marginX);
    content += text.draw(page, s, GRID.marginX, 5 * MM, size);
    page.node.addContentStream(doc.context.register(doc.context.flateStream(content)));
    // one page at a time: other requests are served in between
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return Buffer.from(await doc.save({ objectsPerTick: 200 }));
}
