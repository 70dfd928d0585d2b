/**
 * A small, bounds-checked reader of the HEIF (ISO-BMFF) boxes needed before decoding: image sizes (`ispe`)
 * to bound the pixel count before libheif allocates anything, the primary item's transforms (`irot`,
 * `imir`) and colour (`colr`), and whether the file holds a sequence (`moov`).
 * Throws `HeifParseError` on malformed structure.
 */

export class HeifParseError extends Error {}

export interface Box {
  type: string;
  /** Offset of the box header in the file. */
  start: number;
  /** Offset of the payload (after size/type, and after version/flags for full boxes when parsed). */
  payload: number;
  /** Offset just past the box. */
  end: number;
}

export type HeifColour =
  | { type: 'nclx'; primaries: number; transfer: number; matrix: number; fullRange: boolean }
  | { type: 'icc'; icc: Uint8Array };

export interface HeifTransform {
  kind: 'irot' | 'imir';
  /** irot: anticlockwise quarter turns (0..3); imir: axis (0 = vertical axis, i.e. left-right flip; 1 = top-bottom). */
  value: number;
}

export interface HeifInfo {
  brands: string[];
  hasSequence: boolean;
  primaryItemId: number | null;
  /** Every `ispe` in the file (primary, tiles, thumbnails, auxiliary images). */
  allSizes: { width: number; height: number }[];
  /** Stored (pre-transform) size of the primary item, when it has an `ispe`. */
  primarySize: { width: number; height: number } | null;
  /** Transforms of the primary item in the order they are to be applied. */
  transforms: HeifTransform[];
  colour: HeifColour | null;
  /** Box offsets, for tools that patch files (test fixtures). */
  boxes: Record<string, Box>;
}

const MAX_BOXES = 10_000;

function ascii(b: Uint8Array, o: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[o + i]!);
  return s;
}

function need(b: Uint8Array, o: number, n: number, what: string): void {
  if (o < 0 || o + n > b.length) throw new HeifParseError(`truncated ${what}`);
}

function u8(b: Uint8Array, o: number): number {
  need(b, o, 1, 'u8');
  return b[o]!;
}
function u16(b: Uint8Array, o: number): number {
  need(b, o, 2, 'u16');
  return (b[o]! << 8) | b[o + 1]!;
}
function u32(b: Uint8Array, o: number): number {
  need(b, o, 4, 'u32');
  return ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
}

/** Child boxes of [from, to). */
export function readBoxes(b: Uint8Array, from: number, to: number): Box[] {
  const out: Box[] = [];
  let o = from;
  while (o + 8 <= to) {
    if (out.length >= MAX_BOXES) throw new HeifParseError('too many boxes');
    let size = u32(b, o);
    const type = ascii(b, o + 4, 4);
    let header = 8;
    if (size === 1) {
      need(b, o + 8, 8, 'largesize');
      const hi = u32(b, o + 8);
      const lo = u32(b, o + 12);
      size = hi * 2 ** 32 + lo;
      header = 16;
    } else if (size === 0) {
      size = to - o;
    }
    if (size < header) throw new HeifParseError(`bad size of ${type}`);
    const end = o + size;
    if (end > to) {
      // A truncated trailing box (typically mdat of a cut file) is reported but not walked into.
      out.push({ type, start: o, payload: o + header, end: to });
      break;
    }
    out.push({ type, start: o, payload: o + header, end });
    o = end;
  }
  return out;
}

function find(boxes: Box[], type: string): Box | undefined {
  return boxes.find((x) => x.type === type);
}

function parseColr(b: Uint8Array, box: Box): HeifColour | null {
  const kind = ascii(b, box.payload, 4);
  if (kind === 'nclx') {
    return {
      type: 'nclx',
      primaries: u16(b, box.payload + 4),
      transfer: u16(b, box.payload + 6),
      matrix: u16(b, box.payload + 8),
      fullRange: (u8(b, box.payload + 10) & 0x80) !== 0,
    };
  }
  if (kind === 'prof' || kind === 'rICC') return { type: 'icc', icc: b.subarray(box.payload + 4, box.end) };
  return null;
}

/** Parse the container. Cheap: it reads only the `meta` box, never the coded image data. */
export function parseHeif(b: Uint8Array): HeifInfo {
  const top = readBoxes(b, 0, b.length);
  const ftyp = find(top, 'ftyp');
  if (!ftyp) throw new HeifParseError('no ftyp');
  const brands = [ascii(b, ftyp.payload, 4)];
  for (let o = ftyp.payload + 8; o + 4 <= ftyp.end; o += 4) brands.push(ascii(b, o, 4));
  const boxes: Record<string, Box> = { ftyp };
  const hasSequence = top.some((x) => x.type === 'moov');
  const meta = find(top, 'meta');
  if (!meta) {
    if (hasSequence) {
      return { brands, hasSequence, primaryItemId: null, allSizes: [], primarySize: null, transforms: [], colour: null, boxes };
    }
    throw new HeifParseError('no meta box');
  }
  if (meta.end > b.length || meta.end - meta.start < 12) throw new HeifParseError('truncated meta');
  boxes.meta = meta;
  const metaKids = readBoxes(b, meta.payload + 4, meta.end); // meta is a FullBox
  for (const k of metaKids) if (!boxes[k.type]) boxes[k.type] = k;

  const pitm = find(metaKids, 'pitm');
  let primaryItemId: number | null = null;
  if (pitm) primaryItemId = u8(b, pitm.payload) === 0 ? u16(b, pitm.payload + 4) : u32(b, pitm.payload + 4);

  const iprp = find(metaKids, 'iprp');
  if (!iprp) throw new HeifParseError('no iprp box');
  const iprpKids = readBoxes(b, iprp.payload, iprp.end);
  const ipco = find(iprpKids, 'ipco');
  const ipma = find(iprpKids, 'ipma');
  if (!ipco || !ipma) throw new HeifParseError('no ipco/ipma box');
  boxes.iprp = iprp;
  boxes.ipco = ipco;
  boxes.ipma = ipma;
  const props = readBoxes(b, ipco.payload, ipco.end);

  const allSizes: { width: number; height: number }[] = [];
  for (const p of props) {
    if (p.type === 'ispe') allSizes.push({ width: u32(b, p.payload + 4), height: u32(b, p.payload + 8) });
  }

  // ipma: which properties belong to the primary item, in order.
  const version = u8(b, ipma.payload);
  const flags = u32(b, ipma.payload) & 0xffffff;
  const count = u32(b, ipma.payload + 4);
  let o = ipma.payload + 8;
  let primaryProps: number[] = [];
  for (let i = 0; i < count; i++) {
    if (o >= ipma.end) throw new HeifParseError('truncated ipma');
    const itemId = version < 1 ? u16(b, o) : u32(b, o);
    o += version < 1 ? 2 : 4;
    const n = u8(b, o);
    o += 1;
    const idx: number[] = [];
    for (let j = 0; j < n; j++) {
      if (flags & 1) {
        idx.push(u16(b, o) & 0x7fff);
        o += 2;
      } else {
        idx.push(u8(b, o) & 0x7f);
        o += 1;
      }
    }
    if (itemId === primaryItemId) primaryProps = idx;
  }

  let primarySize: { width: number; height: number } | null = null;
  const transforms: HeifTransform[] = [];
  let colour: HeifColour | null = null;
  for (const index of primaryProps) {
    const p = props[index - 1];
    if (!p) continue;
    if (p.type === 'ispe') primarySize = { width: u32(b, p.payload + 4), height: u32(b, p.payload + 8) };
    else if (p.type === 'irot') transforms.push({ kind: 'irot', value: u8(b, p.payload) & 3 });
    else if (p.type === 'imir') transforms.push({ kind: 'imir', value: u8(b, p.payload) & 1 });
    else if (p.type === 'colr' && !colour) colour = parseColr(b, p);
  }
  if (!colour) {
    const c = props.find((p) => p.type === 'colr');
    if (c) colour = parseColr(b, c);
  }
  return { brands, hasSequence, primaryItemId, allSizes, primarySize, transforms, colour, boxes };
}

/**
 * The EXIF orientation (1..8) equivalent to a list of HEIF transforms, for reporting.
 * Simulated on the unit square's corners: EXIF codes are defined by where the stored top-left ends up.
 */
export function transformsToExifOrientation(transforms: HeifTransform[]): number {
  // A 2x2 integer matrix acting on (x, y) with y pointing down.
  let m = [1, 0, 0, 1];
  const mul = (a: number[], c: number[]) => [
    a[0]! * c[0]! + a[1]! * c[2]!,
    a[0]! * c[1]! + a[1]! * c[3]!,
    a[2]! * c[0]! + a[3]! * c[2]!,
    a[2]! * c[1]! + a[3]! * c[3]!,
  ];
  for (const t of transforms) {
    let step: number[];
    if (t.kind === 'irot') {
      // anticlockwise quarter turns on screen (y down): (x, y) -> (y, -x)
      step = [1, 0, 0, 1];
      for (let i = 0; i < t.value; i++) step = mul([0, 1, -1, 0], step);
    } else {
      step = t.value === 0 ? [-1, 0, 0, 1] : [1, 0, 0, -1];
    }
    m = mul(step, m);
  }
  // EXIF orientation k describes the stored image; the display transform for each code:
  const table: Record<string, number> = {
    '1,0,0,1': 1,
    '-1,0,0,1': 2,
    '-1,0,0,-1': 3,
    '1,0,0,-1': 4,
    '0,1,1,0': 5,
    '0,-1,1,0': 6,
    '0,-1,-1,0': 7,
    '0,1,-1,0': 8,
  };
  return table[m.join(',')] ?? 1;
}
