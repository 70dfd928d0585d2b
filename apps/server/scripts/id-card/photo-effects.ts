/**
 * Phone-photo-like degradations for the synthetic ID card: perspective, desk background, shadow, uneven
 * lighting, noise. Pure functions over raw RGBA buffers; sharp does blur and JPEG in the caller.
 */

export type Point = [number, number];

/** Seeded PRNG (mulberry32), so the fixture set is reproducible. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (lo: number, hi: number) => lo + (hi - lo) * next(),
    gauss: () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next()),
  };
}
export type Rng = ReturnType<typeof rng>;

/** Solves the 3×3 homography H (h33 = 1) with H·src[i] ∝ dst[i]. */
export function homography(src: Point[], dst: Point[]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k < 9; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return [...a.map((row, i) => row[8]! / row[i]!), 1];
}

/** Corners (tl, tr, br, bl) of a card of size w×h placed at (cx, cy), rotated, with a keystone tilt. */
export function placeCard(o: { w: number; h: number; cx: number; cy: number; angleDeg: number; tiltX: number; tiltY: number }): Point[] {
  const { w, h } = o;
  // tiltY > 0 shortens the top edge (phone tilted back); tiltX > 0 shortens the left edge
  const local: Point[] = [
    [-w / 2 * (1 - o.tiltY), -h / 2 * (1 - o.tiltX)],
    [w / 2 * (1 - o.tiltY), -h / 2 * (1 + o.tiltX)],
    [w / 2 * (1 + o.tiltY), h / 2 * (1 + o.tiltX)],
    [-w / 2 * (1 + o.tiltY), h / 2 * (1 - o.tiltX)],
  ];
  const t = (o.angleDeg * Math.PI) / 180;
  return local.map(([x, y]) => [o.cx + x * Math.cos(t) - y * Math.sin(t), o.cy + x * Math.sin(t) + y * Math.cos(t)]);
}

/** Warps an RGBA card image onto quad `corners` in a W×H RGBA canvas (transparent outside), bilinear. */
export function warpCard(card: Buffer, cw: number, ch: number, corners: Point[], W: number, H: number): Buffer {
  const inv = homography(corners, [[0, 0], [cw, 0], [cw, ch], [0, ch]]);
  const out = Buffer.alloc(W * H * 4);
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(W - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(H - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const d = inv[6]! * x + inv[7]! * y + 1;
      const sx = (inv[0]! * x + inv[1]! * y + inv[2]!) / d - 0.5;
      const sy = (inv[3]! * x + inv[4]! * y + inv[5]!) / d - 0.5;
      if (sx < -0.5 || sy < -0.5 || sx > cw - 0.5 || sy > ch - 0.5) continue;
      const ix = Math.max(0, Math.min(cw - 2, Math.floor(sx)));
      const iy = Math.max(0, Math.min(ch - 2, Math.floor(sy)));
      const fx = Math.min(1, Math.max(0, sx - ix));
      const fy = Math.min(1, Math.max(0, sy - iy));
      const o = (y * W + x) * 4;
      for (let c = 0; c < 4; c++) {
        const p = (iy * cw + ix) * 4 + c;
        const top = card[p]! * (1 - fx) + card[p + 4]! * fx;
        const bottom = card[p + cw * 4]! * (1 - fx) + card[p + cw * 4 + 4]! * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

export type DeskKind = 'wood' | 'grey' | 'paper' | 'fabric';

/** An SVG desk surface (procedural noise), W×H. */
export function deskSvg(kind: DeskKind, W: number, H: number, seed: number): string {
  const spec: Record<DeskKind, { freq: string; octaves: number; matrix: string; base: string }> = {
    wood: { freq: '0.002 0.045', octaves: 4, matrix: '0 0 0 0.32 0.42  0 0 0 0.22 0.26  0 0 0 0.12 0.14  0 0 0 0 1', base: '#8a5a35' },
    grey: { freq: '0.02', octaves: 3, matrix: '0 0 0 0.12 0.38  0 0 0 0.12 0.39  0 0 0 0.12 0.41  0 0 0 0 1', base: '#666a70' },
    paper: { freq: '0.05', octaves: 2, matrix: '0 0 0 0.06 0.86  0 0 0 0.06 0.85  0 0 0 0.06 0.82  0 0 0 0 1', base: '#ddd9d2' },
    fabric: { freq: '0.3 0.02', octaves: 2, matrix: '0 0 0 0.2 0.12  0 0 0 0.2 0.16  0 0 0 0.25 0.3  0 0 0 0 1', base: '#243450' },
  };
  const s = spec[kind];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
  <filter id="n" x="0" y="0" width="100%" height="100%">
    <feTurbulence type="fractalNoise" baseFrequency="${s.freq}" numOctaves="${s.octaves}" seed="${seed}"/>
    <feColorMatrix type="matrix" values="${s.matrix}"/>
  </filter>
  <rect width="${W}" height="${H}" fill="${s.base}"/>
  <rect width="${W}" height="${H}" filter="url(#n)"/>
</svg>`;
}

/**
 * Multiplies RGB by an uneven light field (a linear falloff plus a soft highlight and a colour cast) and
 * adds Gaussian sensor noise, in place on an RGB(A) buffer.
 */
export function lightAndNoise(
  px: Buffer,
  W: number,
  H: number,
  channels: number,
  o: { falloff: number; angle: number; highlight: number; cast: [number, number, number]; noise: number; exposure: number },
  r: Rng,
): void {
  const hx = r.range(0.2, 0.8) * W;
  const hy = r.range(0.2, 0.8) * H;
  const hr = Math.max(W, H) * 0.35;
  const dx = Math.cos(o.angle);
  const dy = Math.sin(o.angle);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const t = ((x / W - 0.5) * dx + (y / H - 0.5) * dy) * 2; // -1..1 along the light direction
      const dist2 = ((x - hx) ** 2 + (y - hy) ** 2) / (hr * hr);
      const light = o.exposure * (1 - o.falloff * (t + 1) / 2) + o.highlight * Math.exp(-dist2);
      const n = o.noise * r.gauss();
      const i = (y * W + x) * channels;
      for (let c = 0; c < 3; c++) px[i + c] = Math.max(0, Math.min(255, Math.round(px[i + c]! * light * o.cast[c]! + n)));
    }
  }
}
