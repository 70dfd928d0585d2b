import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectFaces, loadFaceModels, pupilLineRoll } from './face.js';
import { eyeCornersOf, measurePupils } from './pupils.js';
import { portrait, toRaster } from './test-helpers.js';
import type { Raster } from './types.js';

beforeAll(async () => {
  await loadFaceModels();
}, 60_000);

/** The portrait turned by `deg` about its centre (sharp turns clockwise for positive angles). */
async function turned(deg: number): Promise<Raster> {
  const bytes = await sharp(portrait('biden.jpg')).rotate(deg, { background: '#ffffff' }).png().toBuffer();
  return toRaster(bytes);
}

describe('measurePupils (iris model on crops around known eye corners)', () => {
  it('finds the pupils where the full face detection does', async () => {
    const image = await toRaster(portrait('biden.jpg'));
    const face = (await detectFaces(image))[0]!;
    const [left, right] = eyeCornersOf(face.mesh);
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
    const base = pupilLineRoll(...(await measurePupils(upright, ...eyeCornersOf(face.mesh))));
    for (const deg of [-4, 3]) {
      const image = await turned(deg);
      // the corners come from a detection on the turned photo, as they come from the source's mesh in use
      const [left, right] = eyeCornersOf((await detectFaces(image))[0]!.mesh);
      const roll = pupilLineRoll(...(await measurePupils(image, left, right)));
      // a clockwise turn lowers the image-right pupil: the roll falls by the angle
      expect(Math.abs(roll - base + deg)).toBeLessThan(0.5);
    }
  });
});
