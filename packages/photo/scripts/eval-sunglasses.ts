/**
 * How the eye checks answer sunglasses: every face of ../shared/photos (portraits and aligned-with-masks)
 * that is not already turned away or covered gets each style of src/test-sunglasses.ts drawn on, goes
 * through the whole pipeline, and is tallied by the reject codes it got. "eyes_covered" is the right
 * answer; "PRODUCED" is the worst.
 *
 *   npx tsx packages/photo/scripts/eval-sunglasses.ts [style,style…] [-v]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckCode } from '../src/check-codes.js';
import { processPhoto } from '../src/process.js';
import { LENS_STYLES, withSunglasses, type LensStyle } from '../src/test-sunglasses.js';
import { PORTRAITS_DIR } from './phone-photo.js';

const dirs = [PORTRAITS_DIR, join(PORTRAITS_DIR, '../aligned-with-masks/images')];
const styleArg = process.argv.slice(2).find((a) => !a.startsWith('-'));
const styles = (styleArg ? styleArg.split(',') : Object.keys(LENS_STYLES)) as LensStyle[];
const verbose = process.argv.includes('-v');
const skip = new Set<string>([CheckCode.HEAD_TURNED, CheckCode.EYES_COVERED, CheckCode.MULTIPLE_FACES]);

const tally = new Map<LensStyle, Map<string, number>>(styles.map((s) => [s, new Map()]));
let faces = 0;
for (const dir of dirs) {
  for (const file of readdirSync(dir).filter((n) => /\.(jpe?g|png)$/i.test(n)).sort()) {
    const bytes = readFileSync(join(dir, file));
    const clean = await processPhoto(bytes);
    if (!clean.face || clean.checks.some((c) => !c.passed && skip.has(c.code))) continue;
    faces++;
    const pupils = { left: clean.face.landmarks.pupilLeft, right: clean.face.landmarks.pupilRight };
    const line: string[] = [];
    for (const style of styles) {
      const r = await processPhoto(await withSunglasses(bytes, pupils, style));
      const codes = r.checks.filter((c) => !c.passed && c.severity === 'reject').map((c) => c.code);
      const key = codes.includes(CheckCode.EYES_COVERED) ? 'eyes_covered' : codes.length ? codes.join('+') : 'PRODUCED';
      const t = tally.get(style)!;
      t.set(key, (t.get(key) ?? 0) + 1);
      line.push(`${style}: ${key}`);
    }
    if (verbose) console.log(file.padEnd(42), line.join('  '));
  }
}
console.log(`${faces} faces`);
console.log('| style | eyes covered | produced | other rejections |');
console.log('|---|---|---|---|');
for (const [style, t] of tally) {
  const covered = t.get('eyes_covered') ?? 0;
  const produced = t.get('PRODUCED') ?? 0;
  const other = [...t].filter(([k]) => k !== 'eyes_covered' && k !== 'PRODUCED').map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`| ${style} | ${covered} | ${produced} | ${other || '–'} |`);
}
