/**
 * Photos stored sideways. A photo that lost its orientation tag (re-saved by an app, sent through a
 * chat, exported from an editor) arrives with the person lying on their side. The face detector still
 * finds the face, rotated by about 90°, and every check then fails for the wrong reason (tilted, turned,
 * looking up, blurry, body cut off). When the face lies on its side, the working image is turned by a
 * quarter turn and the face detected again; the photo goes on upright when the face then stands upright.
 * Upside-down photos are not turned: the face mesh fits an upside-down face as an upright one, so its
 * landmarks cannot tell the two apart.
 */
import { significantFaces } from './checks.js';
import type { DetectedFace } from './face.js';
import type { DecodedImage, Point, Raster } from './types.js';

/** A face whose pupil line is tilted at least this far lies on its side. */
export const SIDEWAYS_ROLL_DEG = 45;
/** After the turn the face must stand within this roll, or the photo stays as it was. */
export const UPRIGHT_ROLL_DEG = 20;

/** Clockwise quarter turns that stand a face upright: 1 or 3, or 0 when it is not lying on its side. */
export function quarterTurnsToUpright(face: DetectedFace): 0 | 1 | 3 {
  if (Math.abs(face.pose.roll) < SIDEWAYS_ROLL_DEG) return 0;
  const lm = face.landmarks;
  // The face's "down": from between the eyes to the chin.
  const dx = lm.chin.x - (lm.pupilLeft.x + lm.pupilRight.x) / 2;
  const dy = lm.chin.y - (lm.pupilLeft.y + lm.pupilRight.y) / 2;
  if (Math.abs(dx) <= Math.abs(dy)) return 0;
  // A clockwise turn carries +x to +y: a chin to the right needs one, a chin to the left three.
  return dx > 0 ? 1 : 3;
}

/** The raster turned clockwise by `turns` quarter turns (any channel count). */
export function turnRaster(r: Raster, turns: number): Raster {
  const t = ((turns % 4) + 4) % 4;
  if (t === 0) return r;
  const { width: W, height: H, channels: C, data } = r;
  const outW = t === 2 ? W : H;
  const outH = t === 2 ? H : W;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // destination of source pixel (x, y) after t clockwise quarter turns
      const ox = t === 1 ? H - 1 - y : t === 2 ? W - 1 - x : y;
      const oy = t === 1 ? x : t === 2 ? H - 1 - y : W - 1 - x;
      const s = (y * W + x) * C;
      const d = (oy * outW + ox) * C;
      for (let c = 0; c < C; c++) out[d + c] = data[s + c]!;
    }
  }
  return { width: outW, height: outH, channels: C, data: out };
}

export interface Upright {
  decoded: DecodedImage;
  faces: DetectedFace[];
  /** clockwise quarter turns applied to the decoded image (0: as stored) */
  turns: 0 | 1 | 3;
}

/**
 * Stand a photo upright when its one face lies on its side: turn the working image, detect again, and keep
 * the turn only when exactly one face stands upright in it. The detector misses some faces lying on their
 * side, so a photo without a face is tried both ways (it is rejected anyway; the cost is two detections).
 * The full size is swapped with the turn.
 */
export async function standUpright(
  decoded: DecodedImage,
  faces: DetectedFace[],
  detect: (image: Raster) => Promise<DetectedFace[]>,
): Promise<Upright> {
  const main = significantFaces(faces);
  const tries: (1 | 3)[] = [];
  if (main.length === 0) tries.push(1, 3);
  else if (main.length === 1) {
    const turns = quarterTurnsToUpright(main[0]!);
    if (turns) tries.push(turns);
  }
  for (const turns of tries) {
    const image = turnRaster(decoded.image, turns);
    const turned = await detect(image);
    const upright = significantFaces(turned);
    if (upright.length === 1 && Math.abs(upright[0]!.pose.roll) < UPRIGHT_ROLL_DEG) {
      return {
        decoded: { ...decoded, image, fullWidth: decoded.fullHeight, fullHeight: decoded.fullWidth },
        faces: turned,
        turns,
      };
    }
  }
  return { decoded, faces, turns: 0 };
}

/**
 * A point of an image that was turned clockwise by `turns` quarter turns, back in the image as it was;
 * `width` and `height` are the turned image's size (continuous pixel coordinates).
 */
export function unturnPoint(p: Point, turns: number, width: number, height: number): Point {
  const t = ((turns % 4) + 4) % 4;
  if (t === 1) return { x: p.y, y: width - p.x };
  if (t === 2) return { x: width - p.x, y: height - p.y };
  if (t === 3) return { x: height - p.y, y: p.x };
  return p;
}
