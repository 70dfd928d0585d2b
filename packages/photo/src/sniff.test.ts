import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHeif, transformsToExifOrientation } from './heif-boxes.js';
import { sniff } from './sniff.js';

const fx = (p: string) => readFileSync(fileURLToPath(new URL(`../test-fixtures/${p}`, import.meta.url)));

describe('sniff', () => {
  it('recognises formats by magic bytes, not by name', () => {
    expect(sniff(fx('io/obama-600.jpg'))).toMatchObject({ kind: 'supported', format: 'jpeg', animated: false });
    expect(sniff(fx('io/obama.heic'))).toMatchObject({ kind: 'supported', format: 'heic', animated: false });
    expect(sniff(fx('bad/photo-really-svg.jpg'))).toMatchObject({ kind: 'unsupported', detected: 'SVG' });
    expect(sniff(fx('bad/image.avif'))).toMatchObject({ kind: 'unsupported', detected: 'AVIF' });
    expect(sniff(fx('bad/image.tiff'))).toMatchObject({ kind: 'unsupported', detected: 'TIFF' });
    expect(sniff(fx('bad/image.bmp'))).toMatchObject({ kind: 'unsupported', detected: 'BMP' });
    expect(sniff(fx('bad/doc.pdf'))).toMatchObject({ kind: 'unsupported', detected: 'PDF' });
    expect(sniff(fx('bad/random.bin'))).toMatchObject({ kind: 'unsupported', detected: 'unknown' });
    expect(sniff(Buffer.from('hello'))).toMatchObject({ kind: 'unsupported', detected: 'text' });
  });

  it('finds animation in GIF, APNG and WebP', () => {
    expect(sniff(fx('bad/animated.gif'))).toMatchObject({ detected: 'GIF', animated: true });
    expect(sniff(fx('bad/still.gif'))).toMatchObject({ detected: 'GIF', animated: false });
    expect(sniff(fx('bad/animated.png'))).toMatchObject({ format: 'png', animated: true, frames: 2 });
    expect(sniff(fx('bad/tiny-40x40.png'))).toMatchObject({ format: 'png', animated: false });
    expect(sniff(fx('bad/animated.webp'))).toMatchObject({ format: 'webp', animated: true });
    expect(sniff(fx('bad/truncated.webp'))).toMatchObject({ format: 'webp', animated: false });
  });
});

describe('HEIF boxes', () => {
  it('reads sizes, transforms and colour of the primary image', () => {
    const plain = parseHeif(fx('io/obama.heic'));
    expect(plain.primarySize).toEqual({ width: 600, height: 750 });
    expect(plain.transforms).toEqual([]);
    const rotated = parseHeif(fx('io/obama-irot-exif6.heic'));
    expect(rotated.primarySize).toEqual({ width: 750, height: 600 });
    expect(rotated.transforms).toEqual([{ kind: 'irot', value: 3 }]);
    expect(parseHeif(fx('io/obama-p3.heic')).colour?.type).toBe('icc');
  });

  it('maps HEIF transforms to the equivalent EXIF orientation', () => {
    expect(transformsToExifOrientation([])).toBe(1);
    expect(transformsToExifOrientation([{ kind: 'irot', value: 1 }])).toBe(8); // 90° anticlockwise
    expect(transformsToExifOrientation([{ kind: 'irot', value: 2 }])).toBe(3);
    expect(transformsToExifOrientation([{ kind: 'irot', value: 3 }])).toBe(6); // 90° clockwise
    expect(transformsToExifOrientation([{ kind: 'imir', value: 0 }])).toBe(2); // left-right
    expect(transformsToExifOrientation([{ kind: 'imir', value: 1 }])).toBe(4); // top-bottom
    expect(transformsToExifOrientation([{ kind: 'irot', value: 1 }, { kind: 'imir', value: 0 }])).toBe(7); // transverse
    expect(transformsToExifOrientation([{ kind: 'imir', value: 0 }, { kind: 'irot', value: 1 }])).toBe(5); // transpose
  });
});
