import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFaces, loadFaceModels, MESH, pupilLineRoll, type DetectedFace } from './face.js';
import { measurePupils, type EyeCorners } from './pupils.js';
import { portrait, toRaster } from './test-helpers.js';
import type { Point, Raster } from './types.js';

beforeAll(async () => {
  await loadFaceModels();
}, 60_000);

function eyeCorners(face: DetectedFace): [EyeCorners, EyeCorners] {
  const at = (i: number): Point => face.mesh[i]!;
  const a: EyeCorners = [at(MESH.eyeA[0]), at(MESH.eyeA[3])];
  const b: EyeCorners = [at(MESH.eyeB[0]), at(MESH.eyeB[3])];
  return a[0].x < b[0].x ? [a, b] : [b, a];
}

/** The portrait turned by `deg` about its centre (sharp turns clockwise for positive angles). */
async function turned(deg: number): Promise<Raster> {
  const bytes = await sharp(portrait('biden.jpg')).rotate(deg, { background: '#ffffff' }).png().toBuffer();
  return toRaster(bytes);
}

describe('measurePupils (iris model on crops around known eye corners)', () => {
  it('finds the pupils where the full face detection does', async () => {
    const image = await toRaster(portrait('biden.jpg'));
    const face = (await detectFaces(image))[0]!;
    const [left, right] = eyeCorners(face);
    const [pl, pr] = await measurePupils(image, left, right);
    const eyeGap = face.landmarks.pupilRight.x - face.landmarks.pupilLeft.x;
    // within 5 % of the distance between the eyes, and each on its own side
    expect(Math.hypot(pl.x - face.landmarks.pupilLeft.x, pl.y - face.landmarks.pupilLeft.y)).toBeLessThan(
      0.05 * eyeGap,
    );
    expect(Math.hypot(pr.x - face.landmarks.pupilRight.x, pr.y - face.landmarks.pupilRight.y)).toBeLessThan(
      0.05 * eyeGap,
    );
    expect(pl.x).toBeLessThan(pr.x);
  });

  it('reads a turn of the photo as the same change of roll, within 0.5°', async () => {
    const upright = await toRaster(portrait('biden.jpg'));
    const face = (await detectFaces(upright))[0]!;
    const base = pupilLineRoll(...(await measurePupils(upright, ...eyeCorners(face))));
    for (const deg of [-4, 3]) {
      const image = await turned(deg);
      // the corners come from a detection on the turned photo, as they come from the source's mesh in use
      const [left, right] = eyeCorners((await detectFaces(image))[0]!);
      const roll = pupilLineRoll(...(await measurePupils(image, left, right)));
      // a clockwise turn lowers the image-right pupil: the roll falls by the angle
      expect(Math.abs(roll - base + deg)).toBeLessThan(0.5);
    }
  });
});
