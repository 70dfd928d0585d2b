/**
 * The `idphoto` command (bin/idphoto.js runs `main`).
 *
 *   idphoto process IN -o OUT.jpg [--spec xuexin] [--background HEX] [--mask MASK.png] [--report R.json]
 *   idphoto batch IN_DIR --out DIR [--spec …] [--background HEX] [--masks] [--jobs N]
 *   idphoto sheet PHOTO --layout 1|2 -o SHEET.jpg|SHEET.pdf [--background HEX]
 *
 * Exit codes: 0 produced (warnings allowed) / batch completed, 3 rejected, 1 error (bad input, bad usage).
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { isPhotoError } from './errors.js';
import { createPhotoPool } from './pool.js';
import { processPhoto, processPhotoForSpecs, type ProcessResult } from './process.js';
import { buildReport, errorReport, type Report } from './report.js';
import { BACKGROUND_PRESETS, findSpec, listSpecs, resolveBackground, type SpecId } from './specs.js';
import type { Raster } from './types.js';

export const EXIT = { OK: 0, ERROR: 1, USAGE: 1, REJECTED: 3 } as const;

export const USAGE = `Usage:
  idphoto process IN -o OUT.jpg [--spec xuexin] [--background HEX] [--mask MASK.png] [--report R.json]
  idphoto batch IN_DIR --out DIR [--spec xuexin] [--background HEX] [--masks] [--jobs N]
  idphoto sheet PHOTO --layout 1|2 -o SHEET.jpg|SHEET.pdf [--background HEX]

Specs: xuexin (480×640, default), one_inch (1寸), two_inch (2寸), small_two_inch (小2寸); the Chinese names work too.
Backgrounds: #RRGGBB, or ${BACKGROUND_PRESETS.map((b) => `${b.id} (${b.hex})`).join(', ')}.
Exit codes: 0 produced (warnings allowed) or batch completed, 3 rejected, 1 error.`;

export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.heic', '.heif'];

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stderr.isTTY),
};

class UsageError extends Error {}

function validateBackground(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const hex = resolveBackground(value);
  if (!hex) {
    const names = BACKGROUND_PRESETS.map((b) => b.id).join(', ');
    throw new UsageError(`--background must be a colour like #28BEFA or one of ${names}; got "${value}"`);
  }
  return hex;
}

function validateSpec(value: string | undefined): SpecId {
  if (value === undefined) return 'xuexin';
  const spec = findSpec(value);
  if (!spec) {
    const known = listSpecs().map((s) => `${s.id} (${s.name.zh})`).join(', ');
    throw new UsageError(`unknown --spec "${value}"; known: ${known}`);
  }
  return spec.id;
}

async function writePng(path: string, r: Raster): Promise<void> {
  const img = sharp(r.data, { raw: { width: r.width, height: r.height, channels: r.channels } });
  await (r.channels === 1 ? img.toColourspace('b-w') : img).png().toFile(path);
}

function summaryLine(file: string, report: Report): string {
  const failed = report.checks.filter((c) => !c.passed).map((c) => `${c.code}(${c.severity})`);
  const what = report.error ? `error ${report.error.code}` : report.verdict;
  return `${file}: ${what}${failed.length ? ' — ' + failed.join(', ') : ''}\n`;
}

async function cmdProcess(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      spec: { type: 'string' },
      background: { type: 'string' },
      mask: { type: 'string' },
      report: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('process needs exactly one input file');
  if (!values.output) throw new UsageError('process needs -o OUT.jpg');
  const input = positionals[0]!;
  const spec = validateSpec(values.spec);
  const background = validateBackground(values.background);
  let report: Report;
  let result: ProcessResult | null = null;
  try {
    const bytes = new Uint8Array(await readFile(input));
    result = await processPhoto(bytes, { spec, ...(background ? { background } : {}), wantMask: Boolean(values.mask) });
    report = buildReport(basename(input), result);
  } catch (e) {
    if (!isPhotoError(e) && !(e instanceof Error && 'code' in e && e.code === 'ENOENT')) throw e;
    report = errorReport(basename(input), e);
  }
  if (values.report) await writeFile(values.report, JSON.stringify(report, null, 2) + '\n');
  if (report.error) {
    io.err(`idphoto: ${report.error.message.en}\n`);
    return EXIT.ERROR;
  }
  if (result?.output) await writeFile(values.output, result.output.bytes);
  if (values.mask && result?.mask) await writePng(values.mask, result.mask);
  io.err(summaryLine(basename(input), report));
  return result?.output ? EXIT.OK : EXIT.REJECTED;
}

/** Image files of a folder, sorted; throws when two share a name without extension. */
export async function listBatchInputs(dir: string): Promise<{ name: string; path: string }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.') && IMAGE_EXTENSIONS.includes(extname(e.name).toLowerCase()))
    .map((e) => ({ name: basename(e.name, extname(e.name)), path: join(dir, e.name) }))
    .sort((a, b) => a.path.localeCompare(b.path));
  const seen = new Map<string, string>();
  const dups: string[] = [];
  for (const f of files) {
    const prev = seen.get(f.name);
    if (prev) dups.push(`${basename(prev)} and ${basename(f.path)}`);
    else seen.set(f.name, f.path);
  }
  if (dups.length) throw new UsageError(`inputs with the same name (the output would collide): ${dups.join('; ')}`);
  return files;
}

function progressBar(done: number, total: number, width = 30): string {
  const k = total ? done / total : 1;
  const fill = Math.round(k * width);
  return `[${'#'.repeat(fill)}${'-'.repeat(width - fill)}] ${done}/${total}`;
}

async function cmdBatch(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      spec: { type: 'string' },
      background: { type: 'string' },
      masks: { type: 'boolean', default: false },
      jobs: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('batch needs exactly one input folder');
  if (!values.out) throw new UsageError('batch needs --out DIR');
  const spec = validateSpec(values.spec);
  const background = validateBackground(values.background);
  const jobs = values.jobs === undefined ? 2 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError('--jobs must be a whole number from 1 to 64');
  const inputs = await listBatchInputs(positionals[0]!);
  const outDir = values.out;
  await mkdir(outDir, { recursive: true });
  const counts = { pass: 0, warn: 0, reject: 0, error: 0 };
  let done = 0;
  const t0 = performance.now();
  const draw = (): void => {
    if (io.isTTY) io.err(`\r${progressBar(done, inputs.length)}`);
  };
  draw();
  const pool = createPhotoPool({ threads: Math.min(jobs, Math.max(1, inputs.length)) });
  try {
    await Promise.all(
      inputs.map(async (f) => {
        let report: Report;
        try {
          const bytes = new Uint8Array(await readFile(f.path));
          const result = await pool.process(bytes, { spec, ...(background ? { background } : {}), wantMask: values.masks });
          report = buildReport(basename(f.path), result);
          if (result.output) await writeFile(join(outDir, `${f.name}.jpg`), result.output.bytes);
          if (values.masks && result.mask) await writePng(join(outDir, `${f.name}.mask.png`), result.mask);
        } catch (e) {
          report = errorReport(basename(f.path), e);
        }
        await writeFile(join(outDir, `${f.name}.json`), JSON.stringify(report, null, 2) + '\n');
        if (report.error) counts.error++;
        else counts[report.verdict]++;
        done++;
        if (io.isTTY) io.err('\r\x1b[K');
        if (!io.isTTY || report.verdict !== 'pass') io.err(summaryLine(basename(f.path), report));
        draw();
      }),
    );
  } finally {
    await pool.close();
  }
  if (io.isTTY) io.err('\n');
  const secs = (performance.now() - t0) / 1000;
  io.out(
    `${inputs.length} photos in ${secs.toFixed(1)} s: ${counts.pass} passed, ${counts.warn} with warnings, ` +
      `${counts.reject} rejected, ${counts.error} errors → ${outDir}\n`,
  );
  return EXIT.OK;
}

async function cmdSheet(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      layout: { type: 'string' },
      background: { type: 'string' },
      report: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('sheet needs exactly one photo');
  if (!values.output) throw new UsageError('sheet needs -o SHEET.jpg or SHEET.pdf');
  if (values.layout !== '1' && values.layout !== '2') throw new UsageError('--layout must be 1 or 2');
  const ext = extname(values.output).toLowerCase();
  if (!['.jpg', '.jpeg', '.pdf'].includes(ext)) throw new UsageError('sheet output must end in .jpg or .pdf');
  const layout = values.layout === '1' ? 1 : 2;
  const background = validateBackground(values.background);
  const specs: SpecId[] = layout === 1 ? ['one_inch', 'two_inch'] : ['two_inch'];
  const input = positionals[0]!;
  let results: ProcessResult[];
  try {
    results = await processPhotoForSpecs(new Uint8Array(await readFile(input)), specs, background ? { background } : {});
  } catch (e) {
    if (!isPhotoError(e) && !(e instanceof Error && 'code' in e && e.code === 'ENOENT')) throw e;
    const report = errorReport(basename(input), e);
    io.err(`idphoto: ${report.error!.message.en}\n`);
    return EXIT.ERROR;
  }
  const reports = results.map((r) => buildReport(basename(input), r));
  if (values.report) await writeFile(values.report, JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n');
  for (const r of reports) io.err(summaryLine(`${basename(input)} [${r.output?.spec ?? ''}]`, r));
  if (results.some((r) => !r.output)) return EXIT.REJECTED;
  const photos: { one_inch?: Buffer; two_inch?: Buffer } = {};
  specs.forEach((s, i) => {
    const o = results[i]!.output!;
    photos[s as 'one_inch' | 'two_inch'] = Buffer.from(o.bytes);
  });
  const { renderSheet, renderSheetPdf } = await import('./sheet.js');
  if (ext === '.pdf') await writeFile(values.output, await renderSheetPdf(layout, photos));
  else await writeFile(values.output, (await renderSheet(layout, photos)).jpeg);
  return EXIT.OK;
}

/** Run the command line; resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'process':
        return await cmdProcess(rest, io);
      case 'batch':
        return await cmdBatch(rest, io);
      case 'sheet':
        return await cmdSheet(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE + '\n');
        return cmd === undefined ? EXIT.USAGE : EXIT.OK;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
      io.err(`idphoto: ${e.message}\n\n${USAGE}\n`);
      return EXIT.USAGE;
    }
    io.err(`idphoto: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.ERROR;
  }
}
