/**
 * Compare two versions of the pipeline in one process, alternating, on the bench's 12 MP JPEG (or, with
 * --portraits, on every photo in ../shared/photos/portraits, a round being one pass over all of them):
 *
 *   git worktree add /tmp/old <commit>
 *   npx tsx packages/photo/scripts/bench-compare.ts /tmp/old [--runs 20] [--portraits]
 *
 * This host's speed drifts by tens of percent within an hour, so two bench runs minutes apart compare the
 * hours more than the code. Here each round runs both versions back to back (the order flips every round),
 * and the medians of the whole pipeline and of each stage are printed side by side. Both trees share this
 * checkout's node_modules (one tfjs engine and wasm backend); each loads its own models.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ProcessModule from '../src/process.js';
import { PORTRAITS_DIR, twelveMpJpeg } from './phone-photo.js';

type Process = typeof ProcessModule;

const args = process.argv.slice(2);
const oldTree = args.find((a) => !a.startsWith('--'));
const runsAt = args.indexOf('--runs');
const portraits = args.includes('--portraits');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : portraits ? 3 : 20;
if (!oldTree || !(runs > 0)) {
  console.error('usage: bench-compare.ts OLD_CHECKOUT [--runs N] [--portraits]');
  process.exit(1);
}

const current = (await import('../src/process.js')) as Process;
const previous = (await import(
  pathToFileURL(join(resolve(oldTree), 'packages/photo/src/process.ts')).href
)) as Process;

const inputs = portraits
  ? readdirSync(PORTRAITS_DIR)
      .filter((f) => ['.jpg', '.jpeg', '.png', '.webp'].includes(extname(f).toLowerCase()))
      .sort()
      .map((f) => new Uint8Array(readFileSync(join(PORTRAITS_DIR, f))))
  : [new Uint8Array(await twelveMpJpeg())];

const median = (v: number[]): number => [...v].sort((a, b) => a - b)[v.length >> 1]!;
const versions = { old: previous, new: current };
const totals: Record<string, number[]> = { old: [], new: [] };
const stages: Record<string, Record<string, number[]>> = { old: {}, new: {} };
const verdicts: Record<string, string> = {};
// A round's time per version is the mean over the inputs; stages are summed over the inputs likewise.
for (let round = portraits ? -1 : -2; round < runs; round++) {
  const order = (round & 1 ? ['old', 'new'] : ['new', 'old']) as (keyof typeof versions)[];
  for (const name of order) {
    let sum = 0;
    const roundStages: Record<string, number> = {};
    const outcome: string[] = [];
    for (const bytes of inputs) {
      const t0 = performance.now();
      const r = await versions[name].processPhoto(bytes).catch(() => null);
      sum += performance.now() - t0;
      outcome.push(r ? `${r.verdict}, ${r.output?.bytes.length ?? 0} bytes` : 'error');
      for (const [k, v] of Object.entries(r?.timings ?? {})) roundStages[k] = (roundStages[k] ?? 0) + v;
    }
    if (round < 0) continue; // warm-up rounds
    totals[name]!.push(sum / inputs.length);
    verdicts[name] = portraits
      ? `${outcome.filter((o) => !o.startsWith('reject')).length} of ${inputs.length} produced`
      : outcome[0]!;
    for (const [k, v] of Object.entries(roundStages)) (stages[name]![k] ??= []).push(v / inputs.length);
  }
}
const unit = portraits ? 'mean ms per photo' : 'ms';
for (const name of ['old', 'new']) {
  const s = Object.entries(stages[name]!)
    .filter(([k]) => k !== 'total')
    .map(([k, v]) => `${k} ${Math.round(median(v))}`)
    .join(' · ');
  console.log(`${name}: p50 ${Math.round(median(totals[name]!))} ${unit} (${verdicts[name]}); stages ${s}`);
}
