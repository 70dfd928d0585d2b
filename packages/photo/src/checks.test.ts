import { describe, expect, it } from 'vitest';
import { CHECK_DEFINITIONS, CheckCode, checkMessage } from './check-codes.js';
import {
  compositionChecks,
  faceCountChecks,
  makeCheck,
  matteChecks,
  THRESHOLDS,
  verdictOf,
} from './checks.js';
import type { CompositionPlan } from './compose.js';
import type { DetectedFace } from './face.js';
import type { MatteStats } from './matte.js';

function fakeFace(x: number, width: number, crownY = 40): DetectedFace {
  const p = (px: number, py: number) => ({ x: px, y: py });
  const mesh = Array.from({ length: 478 }, () => p(x + width / 2, 200));
  return {
    box: { x, y: 100, width, height: width * 1.3 },
    score: 0.9,
    meshScore: 1,
    mesh,
    pose: { roll: 0, yaw: 0, pitch: 0 },
    landmarks: {
      pupilLeft: p(x + width * 0.3, 200),
      pupilRight: p(x + width * 0.7, 200),
      irisRadius: 5,
      cheekLeft: p(x, 210),
      cheekRight: p(x + width, 210),
      chin: p(x + width / 2, 330),
      forehead: p(x + width / 2, 120),
      noseTip: p(x + width / 2, 250),
      crownEstimate: p(x + width / 2, crownY),
    },
  };
}

describe('check codes', () => {
  it('defines a severity and both messages for every code', () => {
    for (const code of Object.values(CheckCode)) {
      const d = CHECK_DEFINITIONS[code];
      expect(['reject', 'warn']).toContain(d.severity);
      expect(d.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(d.message.en.length).toBeGreaterThan(10);
    }
  });

  it('fills value and threshold into the templates', () => {
    const m = checkMessage(CheckCode.HEAD_TURNED, 21.5, 13);
    expect(m.zh).toContain('21.5');
    expect(m.en).toContain('13');
    expect(m.en).not.toContain('{');
  });

  it('keeps the warning-only checks as warnings', () => {
    expect(CHECK_DEFINITIONS[CheckCode.BUSY_BACKGROUND].severity).toBe('warn');
    expect(CHECK_DEFINITIONS[CheckCode.GLASSES_GLARE].severity).toBe('warn');
    expect(CHECK_DEFINITIONS[CheckCode.RECAPTURED].severity).toBe('warn');
    expect(CHECK_DEFINITIONS[CheckCode.EYES_COVERED].severity).toBe('reject');
  });
});

describe('verdictOf', () => {
  it('is reject when a reject check failed, warn when only warnings failed, else pass', () => {
    const ok = makeCheck(CheckCode.BLURRY, true, 50, 9);
    const warn = makeCheck(CheckCode.BUSY_BACKGROUND, false, 0.8, 0.5);
    const rej = makeCheck(CheckCode.HEAD_TURNED, false, 30, 13);
    expect(verdictOf([ok])).toBe('pass');
    expect(verdictOf([ok, warn])).toBe('warn');
    expect(verdictOf([ok, warn, rej])).toBe('reject');
  });

  it('rounds measured values for the report', () => {
    expect(makeCheck(CheckCode.BLURRY, true, 123.4567, 9).value).toBe(123);
    expect(makeCheck(CheckCode.UNEVEN_LIGHT, true, 0.123456, 0.35).value).toBe(0.123);
  });
});

describe('faceCountChecks', () => {
  it('rejects no face', () => {
    const r = faceCountChecks([]);
    expect(r.face).toBeNull();
    expect(r.checks).toHaveLength(1);
    expect(r.checks[0]).toMatchObject({ code: CheckCode.NO_FACE, passed: false });
  });

  it('rejects two faces of similar size', () => {
    const r = faceCountChecks([fakeFace(100, 200), fakeFace(500, 180)]);
    expect(r.face).toBeNull();
    expect(r.checks.find((c) => c.code === CheckCode.MULTIPLE_FACES)).toMatchObject({
      passed: false,
      value: 2,
    });
  });

  it('ignores a tiny face far in the background', () => {
    const r = faceCountChecks([
      fakeFace(100, 300),
      fakeFace(700, 300 * THRESHOLDS.otherFaceRelativeSize * 0.5),
    ]);
    expect(r.face).not.toBeNull();
    expect(r.checks.every((c) => c.passed)).toBe(true);
  });
});

describe('matteChecks', () => {
  const stats = (over: Partial<MatteStats>): MatteStats => ({
    wallColor: [200, 200, 200],
    backgroundBusyness: 0.1,
    edgeContrast: 120,
    edgeContrastLow: 60,
    lowContrastFraction: 0.05,
    lowContrastDoubt: 0.01,
    unknownFraction: 0.1,
    personFraction: 0.4,
    coarseUncertainty: 0.05,
    bottomCoverage: 0.8,
    backgroundFraction: 0.5,
    ...over,
  });

  it('passes a plain wall with contrasting clothes', () => {
    expect(matteChecks(stats({})).every((c) => c.passed)).toBe(true);
  });

  it('passes clothes close to the wall colour where the segmentation is sure of the outline', () => {
    const r = matteChecks(stats({ lowContrastFraction: 0.7, lowContrastDoubt: 0.1 }));
    expect(r.find((c) => c.code === CheckCode.CLOTHES_CLOSE_TO_BACKGROUND)).toMatchObject({
      passed: true,
      value: 0.1,
    });
  });

  it('rejects clothes close to the wall colour where the segmentation is unsure, and warns about a busy background', () => {
    const r = matteChecks(
      stats({ lowContrastFraction: 0.7, lowContrastDoubt: 0.6, backgroundBusyness: 0.9 }),
    );
    expect(r.find((c) => c.code === CheckCode.CLOTHES_CLOSE_TO_BACKGROUND)).toMatchObject({
      passed: false,
      severity: 'reject',
    });
    expect(r.find((c) => c.code === CheckCode.BUSY_BACKGROUND)).toMatchObject({
      passed: false,
      severity: 'warn',
    });
  });
});

describe('compositionChecks', () => {
  const plan = (
    crownRow: number,
    topCov: number,
    margin: number,
    free: number,
    bodyCropped: boolean,
    straightCut = false,
  ): CompositionPlan =>
    ({
      rotation: 0,
      pivot: { x: 0, y: 0 },
      measures: { crownY: crownRow, eyeY: 200, faceWidth: 200, centreX: 200 },
      placement: { scale: 1, offsetX: 0, offsetY: 0, margin, headTop: 80, eyeLine: 250, faceWidth: 240 },
      freePlacement: {
        scale: 1,
        offsetX: 0,
        offsetY: 0,
        margin: free,
        headTop: 80,
        eyeLine: 250,
        faceWidth: 240,
      },
      bodyCropped,
      scan: { crownRow, crownX: 200, topEdgeCoverage: topCov, bodyBottomRow: 799, straightCut },
    }) as CompositionPlan;
  const face = fakeFace(100, 200);

  it('passes a head with room above and enough body', () => {
    expect(compositionChecks(plan(40, 0, 0.6, 0.7, false), face, 800).every((c) => c.passed)).toBe(true);
  });

  it('rejects hair touching the top edge as head cropped', () => {
    const r = compositionChecks(plan(0, 0.5, 0.6, 0.7, false), face, 800);
    expect(r.find((c) => c.code === CheckCode.HEAD_CROPPED)!.passed).toBe(false);
  });

  it('rejects a skull estimated above the image even when the matte looks complete', () => {
    const r = compositionChecks(plan(30, 0, 0.6, 0.7, false), fakeFace(100, 200, -60), 800);
    expect(r.find((c) => c.code === CheckCode.HEAD_CROPPED)!.passed).toBe(false);
  });

  it('rejects hair cut along a straight border inside the picture as head cropped', () => {
    const r = compositionChecks(plan(40, 0, 0.6, 0.7, false, true), face, 800);
    const head = r.find((c) => c.code === CheckCode.HEAD_CROPPED)!;
    expect(head.passed).toBe(false);
    expect(head.value).toBe(0);
  });

  it('tells too little body apart from unplaceable proportions', () => {
    const body = compositionChecks(plan(40, 0, -0.3, 0.6, true), face, 800);
    expect(body.find((c) => c.code === CheckCode.BODY_CROPPED)!.passed).toBe(false);
    expect(body.find((c) => c.code === CheckCode.HEAD_POSITION)!.passed).toBe(true);
    const pos = compositionChecks(plan(40, 0, -0.2, -0.2, false), face, 800);
    expect(pos.find((c) => c.code === CheckCode.HEAD_POSITION)!.passed).toBe(false);
  });
});
