/** Tunable constants of the matte refinement (see scripts/quality.ts for how they were chosen). */

export interface MatteTuning {
  /** Long side of the working grid on which colours, trimap and filter coefficients are estimated. */
  workLong: number;
  /** Half-width of the unknown band relative to the person's size (√area). */
  bandFrac: number;
  /** Guided-filter radius relative to the band half-width (coefficients on a half-resolution grid). */
  gfRadius: number;
  /** Guided-filter regularisation (colour guide in 0…1). */
  gfEps: number;
  /** Contrast gain around 0.5 of the base alpha (the guided filter, or the coarse mask on busy walls; 1 = none). */
  gfGain: number;
  /** Use colour-line alpha against the local wall colour where it is reliable. */
  colorLine: boolean;
  /** Squared F–B distance (0…1 scale) below which the colour line is ignored … */
  ddMin: number;
  /** … and above which it is fully trusted (before the variance and residual terms). */
  ddFull: number;
  /** Weight of local colour variance (bg + fg) against the squared F–B distance. */
  varK: number;
  /** Weight of the colour-line residual (distance of I from the line, relative to |F−B|²). */
  resK: number;
  /** Wall colour variance at which the guided filter yields to the coarse mask (busy walls). */
  busyVar: number;
  /**
   * How far the colour line yields on busy walls where it would raise alpha above the base (0 = not at
   * all, 1 = as much as the guided filter yields there).
   */
  busyLine: number;
  /** Radius of the local colour windows relative to the band half-width (≥ 2 reaches every band cell). */
  ncRadius: number;
  /** Colour-line weight ramps up as min(p, 1−p) of the coarse probability reaches this (0 = no gate). */
  probGate: number;
  /** Box radius (cells) of the blur of p used for that gate. */
  gateBlur: number;
  /** Let the face size bound the band width. */
  faceBand: boolean;
  /** Protect ears (skin beside the face) from see-through alpha. */
  ears: boolean;
  /** Use the overall wall colour where no wall pixel is near (holes), if the wall's colour variance
   * (summed over RGB, 0…1 units) is below this; 0 = never. */
  globalWall: number;
  /** Drop person specks smaller than this share of the largest one (no face inside); 0 = keep all. */
  speck: number;
  /** Clear detached flecks of alpha smaller than this share of the image (0 = keep all). */
  fleck: number;
  /** Box radius (cells) that softens the sure regions' alpha floor/ceiling (hides the cell grid). */
  softSure: number;
  /** See-through alpha fades out where the coarse probability is below this (0 = off). */
  veilProb: number;
}

export const DEFAULT_TUNING: MatteTuning = {
  workLong: 256,
  bandFrac: 0.025,
  gfRadius: 1,
  gfEps: 1e-3,
  gfGain: 3,
  colorLine: true,
  ddMin: 0.004,
  ddFull: 0.034,
  varK: 3,
  resK: 2,
  busyVar: 0.02,
  busyLine: 1,
  ncRadius: 2,
  probGate: 0.05,
  gateBlur: 1,
  faceBand: true,
  ears: true,
  globalWall: 0.01,
  speck: 0.05,
  softSure: 2,
  fleck: 0.0005,
  veilProb: 0.3,
};
