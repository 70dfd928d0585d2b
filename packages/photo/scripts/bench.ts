/**
 * Benchmark of the photo pipeline (issue 3, point 11):  npm run bench -w packages/photo
 *
 * - p50 / p95 ms per photo (decode → face → matte → compose → encode) on one thread, in process, for the
 *   portraits in ../shared/photos/portraits and for a generated 12-megapixel phone-size JPEG;
 * - photos per second on the portraits with 1 and with 2 worker threads (each in its own child process),
 *   after one untimed pass that warms the workers' JIT (that first pass is reported apart);
 * - model load time (face + segmentation, first load incl. warm-up);
 * - peak RSS of a process running two workers.
 *
 * Results are printed and written to BENCHMARKS.md (between the BENCH markers).
 * Options: --rounds N (passes over the portraits for throughput, default 2), --no-write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { PORTRAITS_DIR, twelveMpJpeg } from './phone-photo.js';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(here, '..');
const repoRoot = resolve(pkgDir, '../..');
const IMAGE_EXT = ['.jpg', '.jpeg', '.png', '.webp'];

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function portraits(): string[] {
  return readdirSync(PORTRAITS_DIR)
    .filter((f) => IMAGE_EXT.includes(extname(f).toLowerCase()))
    .sort()
    .map((f) => join(PORTRAITS_DIR, f));
}

function pct(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

const r0 = (v: number): number => Math.round(v);

/** Child mode: a pool of N workers processes every portrait `rounds` times; prints JSON. */
async function child(threads: number, rounds: number): Promise<void> {
  const { createPhotoPool } = await import('../src/pool.js');
  const files = portraits().map((f) => new Uint8Array(readFileSync(f)));
  const t0 = performance.now();
  const pool = createPhotoPool({ threads });
  const loads = await pool.ready();
  const loadWall = performance.now() - t0;
  const pass = async (times: number): Promise<number> => {
    const t1 = performance.now();
    const jobs: Promise<unknown>[] = [];
    for (let r = 0; r < times; r++)
      for (const bytes of files) jobs.push(pool.process(bytes, { spec: 'xuexin' }).catch(() => null));
    await Promise.all(jobs);
    return (times * files.length) / ((performance.now() - t1) / 1000);
  };
  // The first pass after loading runs while V8 is still compiling the hot loops (JIT warm-up): reported
  // apart, as a server's workers are warm after their first photos.
  const coldPerSec = await pass(1);
  const photosPerSec = await pass(rounds);
  await pool.close();
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({
      threads,
      photos: rounds * files.length,
      photosPerSec,
      coldPerSec,
      loads,
      loadWall,
      maxRssMB,
    }) + '\n',
  );
}

async function makeTwelveMp(dir: string): Promise<string> {
  const out = join(dir, 'phone-12mp.jpg');
  writeFileSync(out, await twelveMpJpeg());
  return out;
}

async function main(): Promise<void> {
  if (args[0] === '--child') {
    await child(Number(arg('--threads') ?? 1), Number(arg('--rounds') ?? 2));
    return;
  }
  const rounds = Number(arg('--rounds') ?? 2);
  const files = portraits();
  const tmp = mkdtempSync(join(tmpdir(), 'idphoto-bench-'));
  try {
    const big = await makeTwelveMp(tmp);
    const bigBytes = new Uint8Array(readFileSync(big));
    const meta = await sharp(big).metadata();

    // Single thread, in process.
    const { loadFaceModels, faceModelsLoadMs } = await import('../src/face.js');
    const { loadSegmenter, segmenterLoadMs } = await import('../src/segment.js');
    const { processPhoto } = await import('../src/process.js');
    const tl = performance.now();
    await loadFaceModels();
    await loadSegmenter();
    const modelLoadMs = performance.now() - tl;
    const stages = ['decode', 'face', 'matte', 'checks', 'plan', 'compose', 'encode'] as const;
    const run = async (
      bytes: Uint8Array,
    ): Promise<{ total: number; t: Record<string, number>; verdict: string }> => {
      const t0 = performance.now();
      const r = await processPhoto(bytes, { spec: 'xuexin' });
      return { total: performance.now() - t0, t: r.timings, verdict: r.verdict };
    };
    await run(new Uint8Array(readFileSync(files[0]!))); // warm-up (JIT)
    const portraitTimes: number[] = [];
    const stageTimes: Record<string, number[]> = {};
    const verdicts: Record<string, number> = {};
    for (const f of files) {
      const r = await run(new Uint8Array(readFileSync(f)));
      portraitTimes.push(r.total);
      verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
      for (const s of stages) if (r.t[s] !== undefined) (stageTimes[s] ??= []).push(r.t[s]);
    }
    const bigTimes: number[] = [];
    const bigStages: Record<string, number[]> = {};
    for (let i = 0; i < 10; i++) {
      const r = await run(bigBytes);
      bigTimes.push(r.total);
      for (const s of stages) if (r.t[s] !== undefined) (bigStages[s] ??= []).push(r.t[s]);
    }

    // Throughput in child processes (clean RSS per configuration).
    const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
    const pool = (
      threads: number,
    ): { photosPerSec: number; coldPerSec: number; maxRssMB: number; loads: number[]; photos: number } =>
      JSON.parse(
        execFileSync(
          tsx,
          [
            fileURLToPath(import.meta.url),
            '--child',
            '--threads',
            String(threads),
            '--rounds',
            String(rounds),
          ],
          {
            cwd: pkgDir,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        )
          .trim()
          .split('\n')
          .pop()!,
      );
    const one = pool(1);
    const two = pool(2);

    const stageLine = (st: Record<string, number[]>): string =>
      stages
        .filter((s) => st[s]?.length)
        .map((s) => `${s} ${r0(pct(st[s]!, 0.5))}`)
        .join(' · ');
    const date = new Date().toISOString().slice(0, 10);
    const md = [
      `Measured ${date} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, tfjs wasm backend (one wasm thread per worker).`,
      '',
      '| measure | result | target |',
      '|---|---|---|',
      `| 12 MP JPEG (${meta.width}×${meta.height}), one thread, p50 / p95 | ${r0(pct(bigTimes, 0.5))} / ${r0(pct(bigTimes, 0.95))} ms | p50 ≤ 350 ms |`,
      `| portraits (${files.length} photos, 168–1920 px), one thread, p50 / p95 | ${r0(pct(portraitTimes, 0.5))} / ${r0(pct(portraitTimes, 0.95))} ms | |`,
      `| photos/s on the portraits, 1 worker thread, warm | ${one.photosPerSec.toFixed(2)} | |`,
      `| photos/s on the portraits, 2 worker threads, warm | ${two.photosPerSec.toFixed(2)} | ≥ 5 |`,
      `| photos/s, first pass after loading (JIT cold), 1 · 2 workers | ${one.coldPerSec.toFixed(2)} · ${two.coldPerSec.toFixed(2)} | |`,
      `| model load (face + segmentation, incl. warm-up), in process | ${r0(modelLoadMs)} ms (face ${r0(faceModelsLoadMs() ?? 0)}, segmentation ${r0(segmenterLoadMs() ?? 0)}) | |`,
      `| model load per worker thread (2 workers) | ${two.loads.map(r0).join(' / ')} ms | |`,
      `| peak RSS, process with 2 workers | ${r0(two.maxRssMB)} MB | ≤ 800 MB |`,
      `| peak RSS, process with 1 worker | ${r0(one.maxRssMB)} MB | |`,
      '',
      `Stage medians (ms), 12 MP: ${stageLine(bigStages)}.`,
      `Stage medians (ms), portraits: ${stageLine(stageTimes)}.`,
      `Portrait verdicts: ${Object.entries(verdicts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')} (rejected photos skip compose and encode).`,
    ].join('\n');
    process.stdout.write(md + '\n');
    if (!args.includes('--no-write')) {
      const file = join(pkgDir, 'BENCHMARKS.md');
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        text = '# Benchmarks\n\n<!-- BENCH:START -->\n<!-- BENCH:END -->\n';
      }
      const start = '<!-- BENCH:START -->';
      const end = '<!-- BENCH:END -->';
      const a = text.indexOf(start);
      const b = text.indexOf(end);
      const next =
        a >= 0 && b > a
          ? text.slice(0, a + start.length) + '\n' + md + '\n' + text.slice(b)
          : text + `\n${start}\n${md}\n${end}\n`;
      writeFileSync(file, next);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
