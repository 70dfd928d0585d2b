import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CheckCode } from './check-codes.js';
import { faceChecks, THRESHOLDS } from './checks.js';
import { detectFaces, loadFaceModels, MESH, type DetectedFace } from './face.js';
import { measureEyeRegions, skinChroma, skinColour } from './face-measures.js';
import { portrait, toRaster } from './test-helpers.js';
import type { Point, Raster } from './types.js';

beforeAll(async () => {
  await loadFaceModels();
}, 120_000);

/** The face as a mesh lost behind a lens sees it: each upper lid pulled down onto the lower one. */
function meshReadsEyesClosed(face: DetectedFace): DetectedFace {
  const mesh = face.mesh.map((p) => ({ ...p }));
  for (const eye of [MESH.eyeA, MESH.eyeB]) {
    mesh[eye[1]] = { ...mesh[eye[5]]! };
    mesh[eye[2]] = { ...mesh[eye[4]]! };
  }
  return { ...face, mesh };
}

/** Paint a light, bluish mirror lens over the band from the brow down to just above each eye's centre line. */
function paintLensAboveEyes(img: Raster, face: DetectedFace): Raster {
  const data = new Uint8Array(img.data);
  for (const eye of [MESH.eyeA, MESH.eyeB]) {
    const a: Point = face.mesh[eye[0]]!;
    const b: Point = face.mesh[eye[3]]!;
    const w = Math.hypot(a.x - b.x, a.y - b.y);
    const cx = (a.x + b.x) / 2;
    const cy = (a.y + b.y) / 2;
    for (let y = Math.floor(cy - 0.9 * w); y < Math.ceil(cy - 0.05 * w); y++) {
      for (let x = Math.floor(cx - 0.8 * w); x < Math.ceil(cx + 0.8 * w); x++) {
        const i = (y * img.width + x) * img.channels;
        const t = (y - (cy - 0.9 * w)) / (0.85 * w);
        data[i] = 150 + 60 * t;
        data[i + 1] = 185 + 40 * t;
        data[i + 2] = 225 + 15 * t;
      }
    }
  }
  return { ...img, data };
}

describe('eyes covered or closed', () => {
  it('finds skin above open eyes and none under a lens there', async () => {
    const img = await toRaster(portrait('biden.jpg'));
    const face = (await detectFaces(img))[0]!;
    const clean = measureEyeRegions(img, face, 180);
    expect(clean.lidSkinLikeFraction).toBeGreaterThan(THRESHOLDS.minLidSkinLike * 3);
    const lensed = measureEyeRegions(paintLensAboveEyes(img, face), face, 180);
    expect(lensed.lidSkinLikeFraction).toBeLessThan(THRESHOLDS.minLidSkinLike);
  });

  it('reports a mirror lens the mesh reads as closed eyes as eyes covered, not closed', async () => {
    const img = await toRaster(portrait('biden.jpg'));
    const face = meshReadsEyesClosed((await detectFaces(img))[0]!);
    const checks = faceChecks({ image: paintLensAboveEyes(img, face), face, originalScale: 1 });
    const failed = checks.filter((c) => !c.passed).map((c) => c.code);
    expect(failed).toContain(CheckCode.EYES_COVERED);
    expect(failed).not.toContain(CheckCode.EYES_CLOSED);
    // the report shows the measure that found the lens: the skin share above the eyes, under its limit
    const covered = checks.find((c) => c.code === CheckCode.EYES_COVERED)!;
    expect(covered.threshold).toBe(THRESHOLDS.minLidSkinLike);
    expect(covered.value).toBeLessThan(THRESHOLDS.minLidSkinLike);
  });

  it('still reports eyes the mesh reads as closed under bare lids as eyes closed', async () => {
    const img = await toRaster(portrait('biden.jpg'));
    const face = meshReadsEyesClosed((await detectFaces(img))[0]!);
    const failed = faceChecks({ image: img, face, originalScale: 1 })
      .filter((c) => !c.passed)
      .map((c) => c.code);
    expect(failed).toContain(CheckCode.EYES_CLOSED);
    expect(failed).not.toContain(CheckCode.EYES_COVERED);
  });
});

describe('black-and-white photos', () => {
  /** The photo as a black-and-white filter saves it: grey stored in three channels, JPEG-compressed. */
  async function greyRaster(name: 'biden.jpg' | 'obama.jpg'): Promise<Raster> {
    const grey = await sharp(portrait(name))
      .greyscale()
      .toColourspace('srgb')
      .jpeg({ quality: 85 })
      .toBuffer();
    const img = await toRaster(grey);
    expect(img.channels).toBe(3);
    return img;
  }

  it.each(['biden.jpg', 'obama.jpg'] as const)(
    'rejects %s in black and white as greyscale, and passes it in colour',
    async (name) => {
      const colour = await toRaster(portrait(name));
      const face = (await detectFaces(colour))[0]!;
      expect(skinChroma(skinColour(colour, face))).toBeGreaterThan(THRESHOLDS.minSkinChroma * 3);
      const greyscale = (img: Raster) =>
        faceChecks({ image: img, face, originalScale: 1 }).find((c) => c.code === CheckCode.GREYSCALE)!;
      expect(greyscale(colour).passed).toBe(true);
      const grey = await greyRaster(name);
      expect(skinChroma(skinColour(grey, face))).toBeLessThan(2);
      expect(greyscale(grey)).toMatchObject({
        passed: false,
        severity: 'reject',
        threshold: THRESHOLDS.minSkinChroma,
      });
    },
  );
});
