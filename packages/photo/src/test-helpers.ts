/** Helpers shared by the photo engine's tests (fixtures and output measurements). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { scanHead } from './compose.js';
import { detectFaces, type DetectedFace } from './face.js';
import { computeMatte } from './matte.js';
import type { Raster } from './types.js';

export const PORTRAITS = fileURLToPath(new URL('../test-fixtures/portraits/', import.meta.url));

export function portrait(name: 'obama.jpg' | 'biden.jpg' | 'obama-2.jpg' | 'two-people.jpg'): Uint8Array {
  return new Uint8Array(readFileSync(PORTRAITS + name));
}

export async function toRaster(bytes: Uint8Array | Buffer): Promise<Raster> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height, channels: 3 };
}

export interface OutputGeometry {
  faces: number;
  headTop: number;
  eyeLine: number;
  faceWidth: number;
  faceCentreX: number;
  /** degrees */
  pupilTilt: number;
  /** share of the bottom row covered by the person */
  bottomCoverage: number;
}

/** Measure an output photo again from scratch: face detection, landmarks and a fresh matte. */
export async function measureOutput(jpeg: Uint8Array): Promise<OutputGeometry> {
  const img = await toRaster(jpeg);
  // measured on a 2× copy: Human's landmarks are whole pixels
  const faces = await detectFaces(img, { minSide: 2 * Math.max(img.width, img.height), maxSide: 2 * Math.max(img.width, img.height) });
  const d: DetectedFace = faces[0]!;
  const m = await computeMatte(img, { faces: [d.box] });
  const scan = scanHead(m.alpha, d);
  const lm = d.landmarks;
  let covered = 0;
  const last = (img.height - 1) * img.width;
  for (let x = 0; x < img.width; x++) if (m.alpha.data[last + x]! >= 128) covered++;
  return {
    faces: faces.length,
    headTop: scan.crownRow,
    eyeLine: (lm.pupilLeft.y + lm.pupilRight.y) / 2,
    faceWidth: lm.cheekRight.x - lm.cheekLeft.x,
    faceCentreX: (lm.cheekLeft.x + lm.cheekRight.x) / 2,
    pupilTilt: (Math.atan2(lm.pupilRight.y - lm.pupilLeft.y, lm.pupilRight.x - lm.pupilLeft.x) * 180) / Math.PI,
    bottomCoverage: covered / img.width,
  };
}
