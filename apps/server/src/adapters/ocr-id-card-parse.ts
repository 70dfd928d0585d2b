import { validateIdNumber } from '@gradphoto/contracts/id-number';

/** One line of text an OCR engine found, in reading order; confidence 0..1; box in image pixels if known. */
export interface OcrLine {
  text: string;
  confidence: number;
  box?: { x0: number; y0: number; x1: number; y1: number };
}

export interface IdCardFields {
  idNumber: string | null;
  /** The number passes GB 11643 (check digit, region, birth date). */
  idNumberValid: boolean;
  name: string | null;
  confidence: number;
}

/** Characters OCR confuses with digits (and with the check character X) in the OCR-B number line. */
const CONFUSIONS: Record<string, string> = {
  O: '0', o: '0', D: '0', Q: '0', U: '0',
  I: '1', l: '1', i: '1', '|': '1', '!': '1',
  Z: '2', z: '2',
  S: '5', s: '5',
  G: '6', b: '6',
  B: '8',
  g: '9', q: '9',
  x: 'X', '×': 'X', K: 'X',
};
const RUN = /[0-9X]|[OoDQUIli|!ZzSsGbBgqx×K]/;

interface Candidate {
  idNumber: string;
  valid: boolean;
  edits: number;
  confidence: number;
}

/** Full-width → ASCII, spaces and separators inside the number removed. */
function normalize(text: string): string {
  return text.normalize('NFKC').replace(/[\s\-_.,·'"`]/g, '');
}

/** Maximal runs of digit-like characters. */
function runs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (RUN.test(ch)) cur += ch;
    else {
      if (cur) out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Maps confusable characters to digits (X only in the last place). Returns null if something can't be a digit.
 * `edits` counts the substitutions.
 */
function mapWindow(w: string): { id: string; edits: number } | null {
  let id = '';
  let edits = 0;
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const last = i === w.length - 1;
    if (/[0-9]/.test(ch) || (last && ch === 'X')) {
      id += ch;
      continue;
    }
    const mapped = CONFUSIONS[ch];
    if (!mapped || (mapped === 'X' && !last)) return null;
    id += mapped;
    edits++;
  }
  return { id, edits };
}

function candidatesFromRun(run: string, confidence: number, today: Date): Candidate[] {
  const out: Candidate[] = [];
  const consider = (window: string, extraEdits: number) => {
    const mapped = mapWindow(window);
    if (!mapped) return;
    const valid = validateIdNumber(mapped.id, today) === null;
    const edits = mapped.edits + extraEdits;
    // a corrected number is only believed when it then validates; an uncorrected one is a (flagged) suggestion
    if (edits > 0 && !valid) return;
    out.push({ idNumber: mapped.id, valid, edits, confidence });
  };
  if (run.length < 18) return out;
  for (let s = 0; s + 18 <= run.length; s++) consider(run.slice(s, s + 18), 0);
  // one or two spurious characters inside the number (e.g. a background line read as "1"); accept only if valid
  if (run.length === 19 || run.length === 20) {
    for (let i = 0; i < run.length; i++) {
      const once = run.slice(0, i) + run.slice(i + 1);
      if (once.length === 18) consider(once, 1);
      else for (let j = i; j < once.length; j++) consider(once.slice(0, j) + once.slice(j + 1), 2);
    }
  }
  return out;
}

function best(cands: Candidate[]): Candidate | null {
  const sorted = [...cands].sort((a, b) => Number(b.valid) - Number(a.valid) || a.edits - b.edits || b.confidence - a.confidence);
  const top = sorted[0];
  if (!top) return null;
  // two different valid readings at the same cost: don't guess between them
  if (top.valid && sorted.some((c) => c.valid && c.edits === top.edits && c.idNumber !== top.idNumber)) {
    return { ...top, valid: false, confidence: top.confidence / 2 };
  }
  return top;
}

/** Finds the ID number: per line first, then across line breaks. */
export function findIdNumber(lines: OcrLine[], today = new Date()): Candidate | null {
  const perLine = lines.flatMap((l) => runs(normalize(l.text)).flatMap((r) => candidatesFromRun(r, l.confidence, today)));
  const found = best(perLine);
  if (found?.valid) return found;
  const meanConf = lines.length ? lines.reduce((s, l) => s + l.confidence, 0) / lines.length : 0;
  const joined = runs(lines.map((l) => normalize(l.text)).join('')).flatMap((r) => candidatesFromRun(r, meanConf, today));
  const across = best(joined.map((c) => ({ ...c, edits: c.edits + 1 })));
  if (across?.valid) return across;
  return found ?? null;
}

const HAN = /\p{Script=Han}/u;
const LABELS = /(性别|民族|出生|住址|公民|身份|号码)/;

/** Keeps Han characters and the middle dot of transliterated names; null unless 2–15 characters remain. */
function cleanName(raw: string): string | null {
  const name = Array.from(raw.normalize('NFKC'))
    .filter((ch) => HAN.test(ch) || ch === '·' || ch === '•')
    .join('')
    .replace(/•/g, '·')
    .replace(/^·+|·+$/g, '');
  const len = Array.from(name).length;
  return len >= 2 && len <= 15 ? name : null;
}

/** Finds the name after the 姓名 label (same line, or the next box on that row). */
export function findName(lines: OcrLine[]): { name: string; confidence: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.text.normalize('NFKC').replace(/\s+/g, '');
    const at = text.search(/姓名|[姓娃]各|[妙姓]名/);
    if (at < 0) continue;
    const rest = text.slice(at + 2).split(LABELS)[0] ?? '';
    const same = cleanName(rest);
    if (same) return { name: same, confidence: line.confidence };
    const next = lines[i + 1];
    if (next && !LABELS.test(next.text) && sameRow(line, next)) {
      const name = cleanName(next.text.split(LABELS)[0] ?? '');
      if (name) return { name, confidence: next.confidence };
    }
  }
  return null;
}

function sameRow(a: OcrLine, b: OcrLine): boolean {
  if (!a.box || !b.box) return true;
  const ca = (a.box.y0 + a.box.y1) / 2;
  const cb = (b.box.y0 + b.box.y1) / 2;
  return Math.abs(ca - cb) < Math.max(a.box.y1 - a.box.y0, b.box.y1 - b.box.y0) * 0.8;
}

/** Sorts boxes into rows (top to bottom) and each row left to right; lines without boxes keep their order. */
export function toReadingOrder(lines: OcrLine[]): OcrLine[] {
  if (!lines.every((l) => l.box)) return lines;
  const byTop = [...lines].sort((a, b) => a.box!.y0 + a.box!.y1 - (b.box!.y0 + b.box!.y1));
  const rows: OcrLine[][] = [];
  for (const line of byTop) {
    const row = rows.at(-1);
    if (row && sameRow(row[0]!, line)) row.push(line);
    else rows.push([line]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.box!.x0 - b.box!.x0));
}

/** Reads the card's fields from OCR lines. */
export function parseIdCard(lines: OcrLine[], today = new Date()): IdCardFields {
  const ordered = toReadingOrder(lines);
  const id = findIdNumber(ordered, today);
  const name = findName(ordered);
  const confidences = [id?.confidence, name?.confidence].filter((c): c is number => c !== undefined);
  const confidence = confidences.length ? Math.min(...confidences) : 0;
  return {
    idNumber: id?.idNumber ?? null,
    idNumberValid: id?.valid ?? false,
    name: name?.name ?? null,
    confidence: Math.round(confidence * 1000) / 1000,
  };
}
