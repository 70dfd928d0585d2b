/**
 * Drop small specks of "person" that the segmentation finds apart from the person(s): connected
 * components of the working-grid mask much smaller than the largest one and holding no face.
 */

/** Label 8-connected components of a 0/1 mask; returns labels (0 = background) and their areas. */
export function components(mask: Uint8Array, w: number, h: number): { labels: Int32Array; areas: number[] } {
  const labels = new Int32Array(w * h);
  const areas: number[] = [0];
  const stack = new Int32Array(w * h);
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || labels[start]) continue;
    const id = areas.length;
    let area = 0;
    let top = 0;
    stack[top++] = start;
    labels[start] = id;
    while (top > 0) {
      const i = stack[--top]!;
      area++;
      const x = i % w;
      const y = (i - x) / w;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const j = yy * w + xx;
          if (mask[j] && !labels[j]) {
            labels[j] = id;
            stack[top++] = j;
          }
        }
      }
    }
    areas.push(area);
  }
  return { labels, areas };
}

/**
 * Remove (in place, in `fg` and `prob`) components smaller than `minShare` of the largest that
 * contain none of the given points (face centres on the grid). Returns the number removed.
 */
export function dropSpecks(
  fg: Uint8Array,
  prob: Float32Array,
  w: number,
  h: number,
  keep: { x: number; y: number }[],
  minShare: number,
): number {
  const { labels, areas } = components(fg, w, h);
  if (areas.length <= 2) return 0;
  const largest = Math.max(...areas);
  const kept = new Set<number>();
  for (const p of keep) {
    const x = Math.min(w - 1, Math.max(0, Math.round(p.x)));
    const y = Math.min(h - 1, Math.max(0, Math.round(p.y)));
    kept.add(labels[y * w + x]!);
  }
  const drop = new Uint8Array(areas.length);
  let n = 0;
  for (let id = 1; id < areas.length; id++) {
    if (areas[id]! < minShare * largest && !kept.has(id)) {
      drop[id] = 1;
      n++;
    }
  }
  if (n === 0) return 0;
  for (let i = 0; i < w * h; i++) {
    if (drop[labels[i]!]) {
      fg[i] = 0;
      if (prob[i]! > 0.2) prob[i] = 0.2;
    }
  }
  return n;
}

/**
 * Clear (in place) the full-resolution alpha of pieces standing apart from everything else: 8-connected
 * components of alpha ≥ `minAlpha` smaller than `maxArea` pixels. The refinement can pick a dark speck of
 * wall texture next to the hair as foreground; over a flat new background it shows as a fleck.
 * Returns the number of pixels cleared.
 *
 * The image is large and the person one big piece, so components are found on runs (row segments) joined
 * by union-find rather than pixel by pixel.
 */
export function dropAlphaSpecks(
  alpha: Uint8Array,
  w: number,
  h: number,
  maxArea: number,
  minAlpha = 16,
): number {
  if (maxArea < 1) return 0;
  // Runs: row, start, end (exclusive), in row order.
  const runs: number[] = [];
  const rowStart = new Int32Array(h + 1);
  for (let y = 0; y < h; y++) {
    rowStart[y] = runs.length / 3;
    const o = y * w;
    let x = 0;
    while (x < w) {
      while (x < w && alpha[o + x]! < minAlpha) x++;
      if (x === w) break;
      const a = x;
      while (x < w && alpha[o + x]! >= minAlpha) x++;
      runs.push(y, a, x);
    }
  }
  const n = runs.length / 3;
  rowStart[h] = n;
  const parent = new Int32Array(n);
  for (let r = 0; r < n; r++) parent[r] = r;
  const find = (r: number): number => {
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]!]!;
      r = parent[r]!;
    }
    return r;
  };
  // Join each run with the runs of the row above that touch it, diagonals included (8-connected).
  for (let y = 1; y < h; y++) {
    let j = rowStart[y - 1]!;
    const jEnd = rowStart[y]!;
    for (let r = rowStart[y]!; r < rowStart[y + 1]!; r++) {
      const a = runs[3 * r + 1]!;
      const b = runs[3 * r + 2]!;
      while (j < jEnd && runs[3 * j + 2]! < a) j++; // runs above ending before a − 1 cannot touch
      for (let k = j; k < jEnd && runs[3 * k + 1]! <= b; k++) {
        const p = find(r);
        const q = find(k);
        if (p !== q) parent[p] = q;
      }
    }
  }
  const area = new Float64Array(n);
  for (let r = 0; r < n; r++) area[find(r)]! += runs[3 * r + 2]! - runs[3 * r + 1]!;
  let cleared = 0;
  for (let r = 0; r < n; r++) {
    if (area[find(r)]! >= maxArea) continue;
    const o = runs[3 * r]! * w;
    alpha.fill(0, o + runs[3 * r + 1]!, o + runs[3 * r + 2]!);
    cleared += runs[3 * r + 2]! - runs[3 * r + 1]!;
  }
  return cleared;
}
