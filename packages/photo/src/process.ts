/**
 * The pipeline: decode → face → matte → checks → compose → encode. `analysePhoto` does the per-photo
 * work once (decode, detection, matte, face checks); `composeForSpec` makes one spec's output from it,
 * so a print sheet processes the original once and composes each size it holds.
 */
import sharp from 'sharp';
import {
  compositionChecks,
  faceChecks,
  faceCountChecks,
  makeCheck,
  matteChecks,
  verdictOf,
} from './checks.js';
import { CheckCode } from './check-codes.js';
import {
  MAX_LEVEL_DEG,
  MIN_PLACEMENT_MARGIN,
  planComposition,
  renderComposition,
  scanHead,
  sourceToOutput,
  type CompositionPlan,
} from './compose.js';
import { decodeImage } from './decode.js';
import { encodeJpeg } from './encode.js';
import { detectFaces, pupilLineRoll, type DetectedFace, type FaceLandmarks, type Pose } from './face.js';
import { eyeCornersOf, measurePupils } from './pupils.js';
import { crownDoubt } from './crown-doubt.js';
import { matteFaceCoverage } from './face-measures.js';
import type { TargetGeometry } from './geometry.js';
import { computeMatte, type MatteResult } from './matte.js';
import { getSpec, type PhotoSpec, type SpecId } from './specs.js';
import { standUpright, turnRaster, unturnPoint } from './upright.js';
import type { CheckResult, DecodedImage, Point, Raster, Rect, Verdict } from './types.js';

/** Long side of the working image (decoded with shrink-on-load); face, matte and output come from it. */
export const WORK_LONG_SIDE = 1024;
/** Residual tilt of the rendered pupil line (degrees) above which the rotation is corrected once. */
const LEVEL_TOLERANCE_DEG = 0.4;
/**
 * Rotations from this many degrees on are measured again on the rendered output (the iris model costs
 * about 20 ms; a face detected nearly upright is measured accurately the first time).
 */
const RECHECK_ROTATION_DEG = 1.5;
/**
 * Long side the face detector sees: the working image itself, so no shrunk copy is made (an 800 px copy
 * cost 15–25 ms of JS per photo, and the mesh and iris crops now come from the sharper image).
 */
export const DETECT_LONG_SIDE = WORK_LONG_SIDE;

export interface ProcessOptions {
  spec?: SpecId | PhotoSpec;
  /** '#RRGGBB'; default: the spec's default background */
  background?: string;
  /** also return the person matte at the input's full size (after EXIF orientation) */
  wantMask?: boolean;
}

export interface FaceReport {
  /** tight box around the face mesh, in input px (after orientation) */
  box: Rect;
  landmarks: FaceLandmarks;
  pose: Pose;
  score: number;
}

export interface ProcessOutput {
  bytes: Uint8Array;
  width: number;
  height: number;
  quality: number;
  spec: string;
  background: string;
}

export interface ProcessResult {
  verdict: Verdict;
  checks: CheckResult[];
  face?: FaceReport;
  output?: ProcessOutput;
  /** 8-bit grey matte of every person, at the input's size after orientation (wantMask) */
  mask?: Raster;
  timings: Record<string, number>;
}

export interface Analysis {
  decoded: DecodedImage;
  faces: DetectedFace[];
  face: DetectedFace | null;
  matte: MatteResult | null;
  /** checks that do not depend on the spec */
  checks: CheckResult[];
  timings: Record<string, number>;
  /** clockwise quarter turns that stood a sideways photo upright (`decoded` is the turned image) */
  turns: number;
}

function resolveSpec(spec: SpecId | PhotoSpec | undefined): PhotoSpec {
  if (spec === undefined) return getSpec('xuexin');
  return typeof spec === 'string' ? getSpec(spec) : spec;
}

/** The spec's geometry in output px. */
export function geometryOf(spec: PhotoSpec): TargetGeometry {
  const g = spec.geometry;
  return {
    width: spec.width,
    height: spec.height,
    headTop: g.headTop,
    eyeLine: g.eyeLine,
    faceWidth: g.faceWidth,
  };
}

const timer = (): (() => number) => {
  const t0 = performance.now();
  return () => Math.round((performance.now() - t0) * 10) / 10;
};

/** Decode, detect faces, matte (when a face was found) and run the spec-independent checks. */
export async function analysePhoto(
  bytes: Uint8Array,
  opts: { wantMatteWithoutFace?: boolean } = {},
): Promise<Analysis> {
  const timings: Record<string, number> = {};
  let t = timer();
  const stored = await decodeImage(bytes, { maxLongSide: WORK_LONG_SIDE });
  timings.decode = t();
  t = timer();
  const detect = (image: Raster): Promise<DetectedFace[]> =>
    detectFaces(image, { maxSide: DETECT_LONG_SIDE });
  // A photo stored sideways is turned upright when its face lies on its side (upright.ts).
  const { decoded, faces, turns } = await standUpright(stored, await detect(stored.image), detect);
  timings.face = t();
  const count = faceCountChecks(faces);
  const checks = [...count.checks];
  if (count.face) checks.push(makeCheck(CheckCode.PHOTO_TURNED, turns === 0, turns * 90, 0));
  let matte: MatteResult | null = null;
  if (faces.length > 0 || opts.wantMatteWithoutFace) {
    t = timer();
    matte = await computeMatte(decoded.image, { faces: faces.map((f) => f.box) });
    timings.matte = t();
  }
  if (count.face) {
    t = timer();
    checks.push(...faceChecks({ image: decoded.image, face: count.face, originalScale: 1 / decoded.scale }));
    if (matte)
      checks.push(
        ...matteChecks(
          matte.stats,
          matteFaceCoverage(matte.alpha, count.face),
          crownDoubt(matte.alpha, matte.coarse, count.face),
        ),
      );
    timings.checks = t();
  }
  return { decoded, faces, face: count.face, matte, checks, timings, turns };
}

/** Compose one spec's photo from an analysis. The output exists only when no reject check failed. */
export async function composeForSpec(
  a: Analysis,
  specArg: SpecId | PhotoSpec | undefined,
  background?: string,
): Promise<ProcessResult> {
  const spec = resolveSpec(specArg);
  const timings = { ...a.timings };
  const checks = [...a.checks];
  const result: ProcessResult = { verdict: 'reject', checks, timings };
  const face = a.face ?? a.faces[0];
  if (face) {
    // in the input's frame: a photo stood upright is turned back
    const { width, height } = a.decoded.image;
    result.face = faceReport(face, a.decoded.scale, (q) => unturnPoint(q, a.turns, width, height));
  }
  if (!a.face || !a.matte) {
    result.verdict = verdictOf(checks);
    return result;
  }
  let t = timer();
  // The image lets the head scan tell a flat border cutting the crown from a wall (crown-cut.ts).
  const plan = planComposition(
    a.face,
    a.matte.alpha,
    geometryOf(spec),
    scanHead(a.matte.alpha, a.face, a.decoded.image),
  );
  checks.push(...compositionChecks(plan, a.face, a.decoded.image.height));
  timings.plan = t();
  result.verdict = verdictOf(checks);
  if (result.verdict === 'reject') return result;
  const bg = background ?? spec.defaultBackground;
  t = timer();
  let raster = await renderComposition(plan, a.matte.foreground, a.matte.alpha, spec, bg);
  // The pupil line must be level within 1°: the roll read on a tilted source leaves a residual of up to
  // about 1°, so the pupils of a levelled face are measured again and the rotation is corrected once.
  const residual =
    Math.abs(plan.rotation) >= RECHECK_ROTATION_DEG ? await renderedRoll(raster, plan, a.face) : 0;
  if (Math.abs(residual) > LEVEL_TOLERANCE_DEG && Math.abs(plan.rotation + residual) <= MAX_LEVEL_DEG) {
    const corrected = { ...a.face, pose: { ...a.face.pose, roll: plan.rotation + residual } };
    const plan2 = planComposition(corrected, a.matte.alpha, geometryOf(spec), plan.scan);
    if (plan2.placement.margin >= MIN_PLACEMENT_MARGIN) {
      raster = await renderComposition(plan2, a.matte.foreground, a.matte.alpha, spec, bg);
    }
  }
  timings.compose = t();
  t = timer();
  const enc = await encodeJpeg(raster, {
    minBytes: spec.minBytes,
    maxBytes: spec.maxBytes,
    minQuality: spec.minQuality,
    dpi: spec.dpi,
  });
  timings.encode = t();
  result.output = {
    bytes: new Uint8Array(enc.bytes.buffer, enc.bytes.byteOffset, enc.bytes.byteLength),
    width: raster.width,
    height: raster.height,
    quality: enc.quality,
    spec: spec.id,
    background: bg,
  };
  return result;
}

/**
 * Roll of the pupil line in a rendered photo: the iris model reads the pupils on crops around the eye
 * corners that the source's mesh maps to (pupils.ts), without a second face detection.
 */
async function renderedRoll(raster: Raster, plan: CompositionPlan, face: DetectedFace): Promise<number> {
  const [left, right] = eyeCornersOf(face.mesh, (p) => sourceToOutput(plan, p));
  const [pl, pr] = await measurePupils(raster, left, right);
  return pupilLineRoll(pl, pr);
}

/** The matte at the input's full size after orientation (8-bit grey). */
export async function fullSizeMask(a: Analysis): Promise<Raster | undefined> {
  if (!a.matte) return undefined;
  // in the input's orientation: a photo stood upright is turned back
  const alpha = turnRaster(a.matte.alpha, 4 - a.turns);
  const [fullWidth, fullHeight] =
    a.turns % 2 ? [a.decoded.fullHeight, a.decoded.fullWidth] : [a.decoded.fullWidth, a.decoded.fullHeight];
  if (alpha.width === fullWidth && alpha.height === fullHeight) return alpha;
  const buf = await sharp(alpha.data, { raw: { width: alpha.width, height: alpha.height, channels: 1 } })
    .resize(fullWidth, fullHeight, { fit: 'fill', kernel: 'cubic' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return {
    data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
    width: fullWidth,
    height: fullHeight,
    channels: 1,
  };
}

/** Process one photo to one spec. */
export async function processPhoto(bytes: Uint8Array, opts: ProcessOptions = {}): Promise<ProcessResult> {
  const total = timer();
  // The matte is wanted even without a face: sunglasses or a turned head can defeat the detector while
  // the person segmentation still holds (the mask is then the matte of whatever person it found).
  const a = await analysePhoto(bytes, { wantMatteWithoutFace: Boolean(opts.wantMask) });
  const result = await composeForSpec(a, opts.spec, opts.background);
  if (opts.wantMask) {
    const t = timer();
    const mask = await fullSizeMask(a);
    if (mask) result.mask = mask;
    result.timings.mask = t();
  }
  result.timings.total = total();
  return result;
}

/** Process one original to several specs at once (face and matte computed once). */
export async function processPhotoForSpecs(
  bytes: Uint8Array,
  specs: (SpecId | PhotoSpec)[],
  opts: { background?: string } = {},
): Promise<ProcessResult[]> {
  const a = await analysePhoto(bytes);
  const out: ProcessResult[] = [];
  for (const s of specs) out.push(await composeForSpec(a, s, opts.background));
  return out;
}

function faceReport(face: DetectedFace, scale: number, toInput: (p: Point) => Point): FaceReport {
  const k = 1 / scale;
  const p = (q: Point): Point => {
    const r = toInput(q);
    return { x: round1(r.x * k), y: round1(r.y * k) };
  };
  const lm = face.landmarks;
  const b = face.box;
  const a = toInput({ x: b.x, y: b.y });
  const c = toInput({ x: b.x + b.width, y: b.y + b.height });
  return {
    box: {
      x: round1(Math.min(a.x, c.x) * k),
      y: round1(Math.min(a.y, c.y) * k),
      width: round1(Math.abs(c.x - a.x) * k),
      height: round1(Math.abs(c.y - a.y) * k),
    },
    landmarks: {
      pupilLeft: p(lm.pupilLeft),
      pupilRight: p(lm.pupilRight),
      irisRadius: round1(lm.irisRadius * k),
      cheekLeft: p(lm.cheekLeft),
      cheekRight: p(lm.cheekRight),
      chin: p(lm.chin),
      forehead: p(lm.forehead),
      noseTip: p(lm.noseTip),
      crownEstimate: p(lm.crownEstimate),
    },
    pose: { roll: round1(face.pose.roll), yaw: round1(face.pose.yaw), pitch: round1(face.pose.pitch) },
    score: Math.round(face.score * 1000) / 1000,
  };
}

const round1 = (v: number): number => Math.round(v * 10) / 10;
