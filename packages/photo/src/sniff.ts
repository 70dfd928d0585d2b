/**
 * Recognise an upload by its magic bytes (never by its file name), and find the few container facts that
 * must be known before any decoder sees the bytes: is it animated / multi-image?
 */
import type { InputFormat } from './types.js';

export type SniffResult =
  | { kind: 'supported'; format: InputFormat; animated: boolean; frames?: number }
  | { kind: 'unsupported'; detected: string; animated: boolean };

const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const SEQUENCE_BRANDS = new Set(['msf1', 'hevc', 'hevx', 'hevm', 'hevs', 'avis']);
const HEIF_GENERIC_BRANDS = new Set(['mif1', 'mif2', 'msf1', 'miaf', 'MiHE', 'MiHB', 'MiHA']);

function ascii(b: Uint8Array, start: number, len: number): string {
  let s = '';
  for (let i = start; i < start + len && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[at + i] !== sig[i]) return false;
  return true;
}

function u32be(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
}

/** Brands of an ISO-BMFF `ftyp` box at offset 0, or null when the file does not start with one. */
export function ftypBrands(b: Uint8Array): string[] | null {
  if (b.length < 16 || ascii(b, 4, 4) !== 'ftyp') return null;
  const size = Math.min(u32be(b, 0), b.length, 4096);
  if (size < 16) return null;
  const brands = [ascii(b, 8, 4)];
  for (let o = 16; o + 4 <= size; o += 4) brands.push(ascii(b, o, 4));
  return brands;
}

/** APNG: an `acTL` chunk before the first `IDAT` with more than one frame. */
export function pngFrameCount(b: Uint8Array): number {
  let o = 8;
  while (o + 12 <= b.length) {
    const len = u32be(b, o);
    const type = ascii(b, o + 4, 4);
    if (type === 'acTL' && o + 12 <= b.length) return Math.max(1, u32be(b, o + 8));
    if (type === 'IDAT' || type === 'IEND') return 1;
    o += 12 + len;
  }
  return 1;
}

/** WebP: the VP8X animation flag (or an ANIM chunk). */
export function webpIsAnimated(b: Uint8Array): boolean {
  if (ascii(b, 12, 4) === 'VP8X' && b.length > 20 && (b[20]! & 0x02) !== 0) return true;
  let o = 12;
  for (let i = 0; o + 8 <= b.length && i < 64; i++) {
    const type = ascii(b, o, 4);
    if (type === 'ANIM' || type === 'ANMF') return true;
    const len = b[o + 4]! | (b[o + 5]! << 8) | (b[o + 6]! << 16) | (b[o + 7]! << 24);
    o += 8 + len + (len & 1);
  }
  return false;
}

/** Number of image descriptors in a GIF (stops counting at 2, bounded walk over the block structure). */
export function gifFrameCount(b: Uint8Array): number {
  if (b.length < 13) return 0;
  let o = 13;
  const flags = b[10]!;
  if (flags & 0x80) o += 3 * (1 << ((flags & 7) + 1));
  let frames = 0;
  const skipSubBlocks = () => {
    while (o < b.length) {
      const n = b[o]!;
      o += 1;
      if (n === 0) return;
      o += n;
    }
  };
  while (o < b.length && frames < 2) {
    const intro = b[o]!;
    if (intro === 0x3b) break; // trailer
    if (intro === 0x21) {
      o += 2; // extension introducer + label
      skipSubBlocks();
    } else if (intro === 0x2c) {
      frames++;
      if (o + 10 > b.length) break;
      const f = b[o + 9]!;
      o += 10;
      if (f & 0x80) o += 3 * (1 << ((f & 7) + 1));
      o += 1; // LZW minimum code size
      skipSubBlocks();
    } else break;
  }
  return frames;
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 1024);
  if (n === 0) return false;
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0x80) printable++;
    else if (c === 0) return false;
  }
  return printable / n > 0.95;
}

function textHead(b: Uint8Array): string {
  let s = ascii(b, 0, 4096);
  if (s.startsWith('\u00ef\u00bb\u00bf')) s = s.slice(3); // UTF-8 BOM
  return s.trimStart().toLowerCase();
}

/** Identify the bytes. `detected` of unsupported inputs is a short human name used in messages. */
export function sniff(b: Uint8Array): SniffResult {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'supported', format: 'jpeg', animated: false };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const frames = pngFrameCount(b);
    return { kind: 'supported', format: 'png', animated: frames > 1, frames };
  }
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') {
    return { kind: 'supported', format: 'webp', animated: webpIsAnimated(b) };
  }
  const brands = ftypBrands(b);
  if (brands) {
    const major = brands[0]!;
    const hevc = brands.some((x) => HEVC_BRANDS.has(x));
    const avif = brands.includes('avif') || brands.includes('avis');
    const sequence = SEQUENCE_BRANDS.has(major);
    if (hevc || (!avif && brands.some((x) => HEIF_GENERIC_BRANDS.has(x)))) {
      return { kind: 'supported', format: 'heic', animated: sequence };
    }
    if (avif) return { kind: 'unsupported', detected: 'AVIF', animated: major === 'avis' };
    if (major === 'qt  ' || major.startsWith('mp4') || major === 'isom' || major.startsWith('3g')) {
      return { kind: 'unsupported', detected: 'video', animated: true };
    }
    return { kind: 'unsupported', detected: `ISO media (${major.trim()})`, animated: false };
  }
  if (ascii(b, 0, 4) === 'GIF8') {
    const frames = gifFrameCount(b);
    return { kind: 'unsupported', detected: 'GIF', animated: frames > 1 };
  }
  if (ascii(b, 0, 5) === '%PDF-') return { kind: 'unsupported', detected: 'PDF', animated: false };
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) || startsWith(b, [0x49, 0x49, 0x2b, 0x00])) {
    return { kind: 'unsupported', detected: 'TIFF', animated: false };
  }
  if (ascii(b, 0, 2) === 'BM' && b.length >= 26) return { kind: 'unsupported', detected: 'BMP', animated: false };
  if (startsWith(b, [0xff, 0x0a]) || startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return { kind: 'unsupported', detected: 'JPEG XL', animated: false };
  }
  if (startsWith(b, [0x00, 0x00, 0x01, 0x00])) return { kind: 'unsupported', detected: 'ICO', animated: false };
  if (ascii(b, 0, 4) === '8BPS') return { kind: 'unsupported', detected: 'PSD', animated: false };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'unsupported', detected: 'ZIP', animated: false };
  if (looksLikeText(b)) {
    const head = textHead(b);
    if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) {
      return { kind: 'unsupported', detected: 'SVG', animated: false };
    }
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
      return { kind: 'unsupported', detected: 'HTML', animated: false };
    }
    return { kind: 'unsupported', detected: 'text', animated: false };
  }
  return { kind: 'unsupported', detected: 'unknown', animated: false };
}
