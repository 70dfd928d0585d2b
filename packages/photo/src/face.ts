/**
 * Face detection, 478-point mesh (468 facemesh + 10 iris points) and head pose with
 * @vladmandic/human (MIT; blazeface, facemesh and iris weights ship in its npm package) on the shared
 * tfjs wasm backend (tf.ts). Models load once per process or worker thread.
 *
 * Detection runs on a copy of the image shrunk to at most `maxSide` pixels; landmarks are mapped back
 * to the coordinates of the image that was passed in.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { fileIOHandler, initTf, tf } from './tf.js';
import { resizeInto } from './raster.js';
import type { Point, Raster, Rect } from './types.js';

const require = createRequire(import.meta.url);

/** Facemesh indices (MediaPipe canonical mesh) used by the engine. */
export const MESH = {
  forehead: 10,
  chin: 152,
  noseTip: 1,
  /** face-oval extremes at cheek level, image-left then image-right */
  cheekA: 234,
  cheekB: 454,
  /** eye contours for the eye aspect ratio: [corner, top1, top2, corner, bottom2, bottom1] */
  eyeA: [33, 160, 158, 133, 153, 144],
  eyeB: [362, 385, 387, 263, 373, 380],
  irisFirst: 468,
} as const;

export interface Pose {
  /** degrees; positive = the pupil line rises to the right of the image */
  roll: number;
  /** degrees, from Human's mesh-based estimate; sign: Human's */
  yaw: number;
  /** degrees, from Human's mesh-based estimate */
  pitch: number;
}

export interface FaceLandmarks {
  /** pupil (iris centre) on the image-left, then on the image-right */
  pupilLeft: Point;
  pupilRight: Point;
  /** iris radius in px (mean of both eyes) */
  irisRadius: number;
  cheekLeft: Point;
  cheekRight: Point;
  chin: Point;
  /** top of the forehead on the mesh (about the hairline) */
  forehead: Point;
  noseTip: Point;
  /** estimated top of the skull (without hair), from the mesh proportions */
  crownEstimate: Point;
}

export interface DetectedFace {
  /** box around the mesh (tight), in image px */
  box: Rect;
  /** detector confidence 0…1 */
  score: number;
  /** mesh confidence 0…1 */
  meshScore: number;
  landmarks: FaceLandmarks;
  pose: Pose;
  /** all 478 mesh points in image px (x, y) */
  mesh: Point[];
}

export interface FaceDetectOptions {
  /** long side of the copy the detector sees (default 960) */
  maxSide?: number;
  /**
   * Enlarge smaller images to this long side first (bilinear). Human reports whole-pixel landmarks, so
   * measuring a small image (e.g. a 480×640 output) at 2× halves the rounding error of the pupil line.
   */
  minSide?: number;
}

let human: Promise<Human> | null = null;
let loadMs: number | null = null;

function humanConfig(modelsDir: string): Partial<Config> {
  return {
    backend: 'wasm',
    modelBasePath: `file://${modelsDir}/`,
    debug: false,
    async: true,
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { enabled: false } as Config['filter'],
    face: {
      enabled: true,
      detector: {
        rotation: true,
        maxDetected: 6,
        minConfidence: 0.45,
        iouThreshold: 0.2,
        return: false,
        skipFrames: 0,
        skipTime: 0,
      },
      mesh: { enabled: true, keepInvalid: false },
      iris: { enabled: true, skipFrames: 0, skipTime: 0 },
      attention: { enabled: false },
      description: { enabled: false },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    } as Config['face'],
    body: { enabled: false } as Config['body'],
    hand: { enabled: false } as Config['hand'],
    object: { enabled: false } as Config['object'],
    gesture: { enabled: false },
    segmentation: { enabled: false } as Config['segmentation'],
  };
}

let routerRegistered = false;

/** Load Human's face models once (idempotent). Resolves to the load time in ms of the first load. */
export function loadFaceModels(): Promise<Human> {
  if (!human) {
    const t0 = performance.now();
    human = (async () => {
      await initTf();
      // The package's exports map hides the node-wasm build: resolve it next to the main entry.
      const dist = dirname(require.resolve('@vladmandic/human'));
      const modelsDir = join(dist, '..', 'models');
      if (!routerRegistered) {
        // Node's fetch cannot read file:// URLs: hand tfjs a disk reader for them.
        tf.io.registerLoadRouter(((url: string | string[]) =>
          typeof url === 'string' && url.startsWith('file://')
            ? fileIOHandler(url.slice('file://'.length))
            : null) as Parameters<typeof tf.io.registerLoadRouter>[0]);
        routerRegistered = true;
      }
      const mod = require(join(dist, 'human.node-wasm.js')) as { Human: new (c: Partial<Config>) => Human };
      const h = new mod.Human(humanConfig(modelsDir));
      await h.load();
      // Warm up (kernel set-up) on a small synthetic image so the first real photo is not slower.
      const warm = tf.zeros([1, 64, 64, 3], 'int32');
      await h.detect(warm as never);
      warm.dispose();
      loadMs = performance.now() - t0;
      return h;
    })();
    human.catch(() => {
      human = null;
    });
  }
  return human;
}

/** Milliseconds the face models took to load and warm up (null before the first load finished). */
export function faceModelsLoadMs(): number | null {
  return loadMs;
}

const deg = (rad: number): number => (rad * 180) / Math.PI;

/** Roll of the line through two pupils, image-left first (degrees; positive = rising to the right). */
export function pupilLineRoll(left: Point, right: Point): number {
  return deg(Math.atan2(-(right.y - left.y), right.x - left.x));
}

function toPoint(p: readonly (number | undefined)[] | undefined, k: number): Point {
  return { x: (p?.[0] ?? 0) * k, y: (p?.[1] ?? 0) * k };
}

function mean(pts: Point[]): Point {
  let x = 0;
  let y = 0;
  for (const p of pts) {
    x += p.x;
    y += p.y;
  }
  return { x: x / pts.length, y: y / pts.length };
}

/**
 * Turn one Human face result into a DetectedFace in image px. `size` is the detector input's size and
 * `k` the factor from detector px to image px. Human rounds `mesh` to whole pixels; `meshRaw`
 * (normalised) keeps the sub-pixel precision the pupil line needs.
 */
export function faceFromResult(
  f: FaceResult,
  k: number,
  size?: { width: number; height: number },
): DetectedFace | null {
  if (!f.mesh || f.mesh.length < 468) return null;
  const raw = size && f.meshRaw?.length === f.mesh.length ? f.meshRaw : null;
  const mesh = raw
    ? raw.map((p) => ({ x: (p[0] ?? 0) * size!.width * k, y: (p[1] ?? 0) * size!.height * k }))
    : f.mesh.map((p) => toPoint(p, k));
  const irisA = mesh.length >= 478 ? mesh.slice(468, 473) : [];
  const irisB = mesh.length >= 478 ? mesh.slice(473, 478) : [];
  // Without iris points fall back to the eye contour centres.
  const eyeCentre = (idx: readonly number[]): Point => mean(idx.map((i) => mesh[i]!));
  // Human truncates landmarks to whole pixels: the mean of the iris centre and its four ring points is a
  // finer pupil estimate than the centre alone.
  let pA = irisA.length ? mean(irisA) : eyeCentre(MESH.eyeA);
  let pB = irisB.length ? mean(irisB) : eyeCentre(MESH.eyeB);
  if (pA.x > pB.x) [pA, pB] = [pB, pA];
  const radius = (iris: Point[]): number =>
    iris.length
      ? iris.slice(1).reduce((s, p) => s + Math.hypot(p.x - iris[0]!.x, p.y - iris[0]!.y), 0) / 4
      : 0;
  let cheekLeft = mesh[MESH.cheekA]!;
  let cheekRight = mesh[MESH.cheekB]!;
  if (cheekLeft.x > cheekRight.x) [cheekLeft, cheekRight] = [cheekRight, cheekLeft];
  const chin = mesh[MESH.chin]!;
  const forehead = mesh[MESH.forehead]!;
  const eyeMid = { x: (pA.x + pB.x) / 2, y: (pA.y + pB.y) / 2 };
  // The eyes sit about half-way between chin and skull top; go up from the eye midpoint along the
  // face's own vertical axis by the eye–chin distance.
  const crownEstimate = { x: 2 * eyeMid.x - chin.x, y: 2 * eyeMid.y - chin.y };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of mesh.slice(0, 468)) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  const angle = f.rotation?.angle ?? { roll: 0, yaw: 0, pitch: 0 };
  return {
    box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
    score: f.boxScore ?? f.score,
    meshScore: f.faceScore ?? f.score,
    landmarks: {
      pupilLeft: pA,
      pupilRight: pB,
      irisRadius: (radius(irisA) + radius(irisB)) / 2,
      cheekLeft,
      cheekRight,
      chin,
      forehead,
      noseTip: mesh[MESH.noseTip]!,
      crownEstimate,
    },
    pose: {
      roll: pupilLineRoll(pA, pB),
      yaw: deg(angle.yaw),
      pitch: deg(angle.pitch),
    },
    mesh,
  };
}

/** Detect every face in an RGB raster. Faces come sorted by size, largest first. */
export async function detectFaces(image: Raster, opts: FaceDetectOptions = {}): Promise<DetectedFace[]> {
  const h = await loadFaceModels();
  const small = detectorInput(image, opts.maxSide ?? 960, opts.minSide);
  const k = image.width / small.width;
  const input = small.tensor;
  try {
    const res = await h.detect(input as never);
    const faces: DetectedFace[] = [];
    for (const f of res.face) {
      const d = faceFromResult(f, k, small);
      if (d && isPlausible(d, image)) faces.push(d);
    }
    return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  } finally {
    input.dispose();
  }
}

/** Minimum mesh confidence for a detection to count as a face (spurious boxes score about 0.5). */
export const MIN_MESH_SCORE = 0.7;

/** Drop detector false positives: a weak mesh, or a face whose centre lies outside the image. */
function isPlausible(d: DetectedFace, image: Raster): boolean {
  const cx = (d.landmarks.cheekLeft.x + d.landmarks.cheekRight.x) / 2;
  const cy = (d.landmarks.pupilLeft.y + d.landmarks.chin.y) / 2;
  return d.meshScore >= MIN_MESH_SCORE && cx >= 0 && cx < image.width && cy >= 0 && cy < image.height;
}

/**
 * The detector's copy of an image as a float RGB tensor of whole numbers 0…255 (Human takes float
 * pixels as they are; an int32 tensor would be converted, then cast again): shrunk by area averaging
 * to `maxSide`, or enlarged bilinearly to `minSide` (pixel centres aligned, edges clamped, rounded; on
 * the backend, which does it several times faster than a loop here).
 */
export function detectorInput(
  image: Raster,
  maxSide: number,
  minSide?: number,
): { tensor: tf.Tensor4D; width: number; height: number } {
  const rgb: Raster = image.channels === 3 ? image : { ...image, data: dropAlpha(image), channels: 3 };
  const long = Math.max(rgb.width, rgb.height);
  const k = minSide && long < minSide ? minSide / long : Math.min(1, maxSide / long);
  const width = k === 1 ? rgb.width : Math.max(1, Math.round(rgb.width * k));
  const height = k === 1 ? rgb.height : Math.max(1, Math.round(rgb.height * k));
  if (k > 1) {
    const tensor = tf.tidy(() => {
      const x = tf.tensor4d(floatPixels(rgb.data), [1, rgb.height, rgb.width, 3], 'float32');
      return tf.floor(tf.add(tf.image.resizeBilinear(x, [height, width], false, true), 0.5)) as tf.Tensor4D;
    });
    return { tensor, width, height };
  }
  const out =
    k < 1 ? resizeInto(rgb, width, height, scratchFloats(width * height * 3)) : floatPixels(rgb.data);
  return { tensor: tf.tensor4d(out, [1, height, width, 3], 'float32'), width, height };
}

/**
 * One float buffer reused for every detector input: making a tensor on the wasm backend (the only one
 * this engine runs, tf.ts) copies the values into the backend's memory, so the buffer is free again at
 * once, and a 1024 px photo's 9 MB are not allocated (and collected) anew for each detection.
 */
let scratch = new Float32Array(0);

function scratchFloats(n: number): Float32Array {
  if (scratch.length < n) scratch = new Float32Array(n);
  return scratch.subarray(0, n);
}

/** 8-bit values as floats, in the reused buffer. */
function floatPixels(data: Uint8Array): Float32Array {
  const out = scratchFloats(data.length);
  out.set(data);
  return out;
}

function dropAlpha(r: Raster): Uint8Array {
  const out = new Uint8Array(r.width * r.height * 3);
  for (let i = 0, j = 0; i < out.length; i += 3, j += r.channels) {
    out[i] = r.data[j]!;
    out[i + 1] = r.data[j + (r.channels === 1 ? 0 : 1)]!;
    out[i + 2] = r.data[j + (r.channels === 1 ? 0 : 2)]!;
  }
  return out;
}
