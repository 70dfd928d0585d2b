/**
 * The quality checks of a photo. Each check reports its code, severity, measured value, threshold and
 * a zh/en message. Thresholds were calibrated on ../shared/photos/portraits (see BENCHMARKS.md).
 */
import { CHECK_DEFINITIONS, CheckCode, checkMessage } from './check-codes.js';
import type { CompositionPlan } from './compose.js';
import { CROWN_COVER, MAX_LEVEL_DEG, MIN_PLACEMENT_MARGIN } from './compose.js';
import type { DetectedFace } from './face.js';
import {
  eyeAspectRatio,
  faceWidth,
  geometricYaw,
  measureEyeRegions,
  measureLight,
  moireStrength,
  scleraFraction,
  sharpness,
  skinChroma,
  skinColour,
} from './face-measures.js';
import type { MatteStats } from './matte.js';
import type { CheckResult, Raster, Verdict } from './types.js';

export const THRESHOLDS = {
  /** a second face counts when it is at least this share of the main face's width */
  otherFaceRelativeSize: 0.35,
  /** minimum face width in the original photo, px */
  minFaceWidth: 110,
  maxYawDeg: 13,
  maxRollDeg: MAX_LEVEL_DEG,
  maxPitchDeg: 20,
  minEyeAspect: 0.16,
  /** sunglasses: the eye region much darker than the skin and no white of the eye visible */
  maxEyeDarkFraction: 0.6,
  minEyeRelativeBrightness: 0.45,
  minScleraFraction: 0.04,
  /**
   * …or as dark with no white of the eye at all, though the region keeps up to 0.6 of the skin's brightness:
   * a small tinted lens leaves lids and skin around it. Round lenses drawn on the 80 faces of ../shared
   * that the first rule let pass: brightness 0.45–0.55, sclera ≤ 0.003, dark 0.64–0.84 on 12 of 15. Clean
   * faces with brightness 0.45–0.6 and no sclera: dark on at most 0.46 of the region.
   */
  minEyeRelativeBrightnessNoSclera: 0.6,
  noScleraFraction: 0.02,
  /** …or an eye region that is almost entirely dark */
  maxEyeDarkFractionAlone: 0.85,
  /** …or an eye region with almost no skin-coloured pixels (a lens of any tint, a mirror lens) */
  minEyeSkinLike: 0.08,
  /** …or eyes the mesh reads as closed under bands above them with almost no skin (a lens, not lids) */
  minLidSkinLike: 0.04,
  minSharpness: 9,
  minBrightness: 70,
  maxBlownFraction: 0.1,
  minLightBalance: 0.35,
  /**
   * skin colour (face-measures skinChroma): black-and-white photos read 0, stored as grey or as RGB; the
   * 81 colour photos of ../shared 9–90 (the lowest a whitened magazine portrait, the next 17)
   */
  minSkinChroma: 4,
  /**
   * share of the person's outline whose colour is too close to the wall where the segmentation is in
   * doubt too (MatteStats.lowContrastDoubt)
   */
  maxLowContrastDoubt: 0.3,
  maxBusyness: 0.5,
  /** height above the head that only a half-believed segmentation supports (share of the face height) */
  maxCrownDoubt: 0.12,
  /** share of the face the matte must cover */
  minMatteFaceCoverage: 0.97,
  /** the crown must be at least this many rows (share of the height, min 4 px) below the top edge */
  minCrownGap: 0.005,
  maxGlareFraction: 0.02,
  maxMoire: 0.35,
} as const;

export function makeCheck(
  code: CheckCode,
  passed: boolean,
  value: number | string | null,
  threshold: number | string | null,
): CheckResult {
  const v = typeof value === 'number' ? round(value) : value;
  const t = typeof threshold === 'number' ? round(threshold) : threshold;
  return {
    code,
    severity: CHECK_DEFINITIONS[code].severity,
    passed,
    value: v,
    threshold: t,
    message: checkMessage(code, v, t),
  };
}

function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const a = Math.abs(v);
  const d = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  const k = 10 ** d;
  return Math.round(v * k) / k;
}

/** A check that passes while the measure stays at or below its limit. */
function atMost(code: CheckCode, value: number, limit: number): CheckResult {
  return makeCheck(code, value <= limit, value, limit);
}

/** A check that passes while the measure reaches at least its limit. */
function atLeast(code: CheckCode, value: number, limit: number): CheckResult {
  return makeCheck(code, value >= limit, value, limit);
}

/** Faces that count for the several-faces check: at least a third of the main face's size. */
export function significantFaces(faces: DetectedFace[]): DetectedFace[] {
  if (!faces.length) return [];
  const main = faceWidth(faces[0]!);
  return faces.filter((f) => faceWidth(f) >= THRESHOLDS.otherFaceRelativeSize * main);
}

/** Checks on the number of faces. Returns the main face when there is exactly one. */
export function faceCountChecks(faces: DetectedFace[]): { checks: CheckResult[]; face: DetectedFace | null } {
  const n = significantFaces(faces).length;
  if (n === 0) return { checks: [makeCheck(CheckCode.NO_FACE, false, 0, 1)], face: null };
  const checks = [
    makeCheck(CheckCode.NO_FACE, true, n, 1),
    makeCheck(CheckCode.MULTIPLE_FACES, n === 1, n, 1),
  ];
  return { checks, face: n === 1 ? faces[0]! : null };
}

export interface FaceCheckInput {
  /** the working image the face was detected on (RGB) */
  image: Raster;
  face: DetectedFace;
  /** original-photo px per working-image px (≥ 1 when the photo was shrunk on load) */
  originalScale: number;
}

/** Checks that need only the face and the pixels: size, pose, eyes, sharpness, light, glare, moiré. */
export function faceChecks({ image, face, originalScale }: FaceCheckInput): CheckResult[] {
  const T = THRESHOLDS;
  const out: CheckResult[] = [];
  const fwOrig = faceWidth(face) * originalScale;
  out.push(atLeast(CheckCode.FACE_TOO_SMALL, fwOrig, T.minFaceWidth));
  // Two independent yaw estimates (Human's pose, nose-to-cheeks geometry): the larger one counts.
  const yaw = Math.max(Math.abs(face.pose.yaw), Math.abs(geometricYaw(face)));
  out.push(atMost(CheckCode.HEAD_TURNED, yaw, T.maxYawDeg));
  out.push(atMost(CheckCode.HEAD_TILTED, Math.abs(face.pose.roll), T.maxRollDeg));
  out.push(atMost(CheckCode.HEAD_PITCHED, Math.abs(face.pose.pitch), T.maxPitchDeg));
  const light = measureLight(image, face);
  const skin = skinColour(image, face);
  const eyes = measureEyeRegions(image, face, light.brightness, skin);
  const sclera = scleraFraction(image, face, light.brightness);
  const ear = eyeAspectRatio(face);
  // Dark eye regions without the white of the eye: the brighter the region, the less sclera is allowed.
  const darkWithoutSclera =
    eyes.darkFraction > T.maxEyeDarkFraction &&
    ((eyes.relativeBrightness < T.minEyeRelativeBrightness && sclera < T.minScleraFraction) ||
      (eyes.relativeBrightness < T.minEyeRelativeBrightnessNoSclera && sclera < T.noScleraFraction));
  const lensOverEyes =
    darkWithoutSclera ||
    eyes.darkFraction > T.maxEyeDarkFractionAlone ||
    eyes.skinLikeFraction < T.minEyeSkinLike;
  const lensOverLids = ear < T.minEyeAspect && eyes.lidSkinLikeFraction < T.minLidSkinLike;
  const covered = lensOverEyes || lensOverLids;
  // The report shows the measure that decided: the lid bands' skin when only they found the lens.
  const [eyeValue, eyeLimit] =
    lensOverLids && !lensOverEyes
      ? [eyes.lidSkinLikeFraction, T.minLidSkinLike]
      : [eyes.skinLikeFraction, T.minEyeSkinLike];
  out.push(makeCheck(CheckCode.EYES_COVERED, !covered, eyeValue, eyeLimit));
  // With the eyes covered the eyelid landmarks are guesses: report only the covered check.
  if (!covered) out.push(atLeast(CheckCode.EYES_CLOSED, ear, T.minEyeAspect));
  const sharp = sharpness(image, face);
  out.push(atLeast(CheckCode.BLURRY, sharp, T.minSharpness));
  out.push(atLeast(CheckCode.TOO_DARK, light.brightness, T.minBrightness));
  out.push(atMost(CheckCode.OVEREXPOSED, light.blownFraction, T.maxBlownFraction));
  out.push(atLeast(CheckCode.UNEVEN_LIGHT, light.balance, T.minLightBalance));
  out.push(atLeast(CheckCode.GREYSCALE, skinChroma(skin), T.minSkinChroma));
  out.push(atMost(CheckCode.GLASSES_GLARE, eyes.glareFraction, T.maxGlareFraction));
  const moire = moireStrength(image, face);
  out.push(atMost(CheckCode.RECAPTURED, moire, T.maxMoire));
  return out;
}

/**
 * Checks on the matte: clothes close to the wall (reject), a matte that cuts into the face (reject) and a
 * busy background (a warning only: a busy background is replaced when the matte is good).
 */
export function matteChecks(stats: MatteStats, faceCoverage = 1, crownDoubt = 0): CheckResult[] {
  const T = THRESHOLDS;
  // Low contrast alone is no reason: where the segmentation is sure, the matte follows it (dark hair
  // before dark leaves); only where both fail is the outline a guess.
  return [
    atMost(CheckCode.CLOTHES_CLOSE_TO_BACKGROUND, stats.lowContrastDoubt, T.maxLowContrastDoubt),
    atLeast(CheckCode.MATTE_UNRELIABLE, faceCoverage, T.minMatteFaceCoverage),
    atMost(CheckCode.HAIR_OUTLINE_UNCLEAR, crownDoubt, T.maxCrownDoubt),
    atMost(CheckCode.BUSY_BACKGROUND, stats.backgroundBusyness, T.maxBusyness),
  ];
}

/** Checks on the composition: crown cut by the top edge, too little body, head not placeable. */
export function compositionChecks(
  plan: CompositionPlan,
  face: DetectedFace,
  imageHeight: number,
): CheckResult[] {
  const gapNeeded = Math.max(4, THRESHOLDS.minCrownGap * imageHeight);
  const crownRow = plan.scan.crownRow < 0 ? face.landmarks.crownEstimate.y : plan.scan.crownRow;
  // The skull estimate from the mesh catches a crown cut off where the matte is unsure.
  const skullCut = face.landmarks.crownEstimate.y < -0.1 * faceWidth(face);
  const headOk =
    crownRow >= gapNeeded && plan.scan.topEdgeCoverage < CROWN_COVER && !skullCut && !plan.scan.straightCut;
  // Hair cut by a border inside the picture has no room above it: the reported gap is 0.
  const out = [makeCheck(CheckCode.HEAD_CROPPED, headOk, plan.scan.straightCut ? 0 : crownRow, gapNeeded)];
  out.push(makeCheck(CheckCode.BODY_CROPPED, !plan.bodyCropped, plan.placement.margin, MIN_PLACEMENT_MARGIN));
  const placeable = plan.placement.margin >= MIN_PLACEMENT_MARGIN || plan.bodyCropped;
  out.push(makeCheck(CheckCode.HEAD_POSITION, placeable, plan.freePlacement.margin, MIN_PLACEMENT_MARGIN));
  return out;
}

/** reject if any reject-severity check failed, warn if any warning failed, else pass. */
export function verdictOf(checks: CheckResult[]): Verdict {
  if (checks.some((c) => !c.passed && c.severity === 'reject')) return 'reject';
  if (checks.some((c) => !c.passed)) return 'warn';
  return 'pass';
}
