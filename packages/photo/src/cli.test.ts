/** End-to-end tests of the `idphoto` command through its real bin (child processes). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckCode } from './check-codes.js';
import type { Report } from './report.js';
import { PORTRAITS } from './test-helpers.js';

const BIN = fileURLToPath(new URL('../bin/idphoto.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'idphoto-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function idphoto(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const readJson = (p: string): Report => JSON.parse(readFileSync(p, 'utf8')) as Report;

describe('idphoto process', () => {
  it('exits 0 and writes the photo, the mask and the report when the photo is produced', async () => {
    const out = join(tmp, 'biden.jpg');
    const report = join(tmp, 'biden.json');
    const mask = join(tmp, 'biden.mask.png');
    const r = idphoto('process', join(PORTRAITS, 'biden.jpg'), '-o', out, '--report', report, '--mask', mask, '--background', '#64C5FF');
    expect(r.code).toBe(0);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height, meta.density, meta.isProgressive]).toEqual([480, 640, 300, false]);
    const rep = readJson(report);
    expect(['pass', 'warn']).toContain(rep.verdict);
    expect(rep.output).toMatchObject({ width: 480, height: 640, spec: 'xuexin', background: '#64C5FF' });
    expect(rep.output!.bytes).toBe(readFileSync(out).byteLength);
    for (const c of rep.checks) {
      expect(Object.values(CheckCode)).toContain(c.code);
      expect(['reject', 'warn']).toContain(c.severity);
      expect(typeof c.passed).toBe('boolean');
      expect('value' in c && 'threshold' in c).toBe(true);
      expect(c.message.zh.length).toBeGreaterThan(0);
      expect(c.message.en.length).toBeGreaterThan(0);
    }
    expect(rep.face!.box.width).toBeGreaterThan(0);
    expect(rep.face!.landmarks.pupilLeft).toBeDefined();
    expect(rep.timings.total).toBeGreaterThan(0);
    const m = await sharp(mask).metadata();
    expect([m.width, m.height, m.channels]).toEqual([1200, 1200, 1]);
  });

  it('exits 3 and writes no photo when the photo is rejected', () => {
    const out = join(tmp, 'two.jpg');
    const report = join(tmp, 'two.json');
    const r = idphoto('process', join(PORTRAITS, 'two-people.jpg'), '-o', out, '--report', report);
    expect(r.code).toBe(3);
    expect(existsSync(out)).toBe(false);
    const rep = readJson(report);
    expect(rep.verdict).toBe('reject');
    expect(rep.checks.find((c) => c.code === CheckCode.MULTIPLE_FACES)?.passed).toBe(false);
    expect(rep.output).toBeNull();
  });

  it('takes the spec and the background by their names (1寸, white)', async () => {
    const out = join(tmp, 'one-inch.jpg');
    const report = join(tmp, 'one-inch.json');
    const r = idphoto('process', join(PORTRAITS, 'obama.jpg'), '-o', out, '--report', report, '--spec', '1寸', '--background', 'white');
    expect(r.code).toBe(0);
    const meta = await sharp(out).metadata();
    expect([meta.width, meta.height]).toEqual([295, 413]);
    expect(readJson(report).output).toMatchObject({ spec: 'one_inch', background: '#FFFFFF' });
    const bad = idphoto('process', join(PORTRAITS, 'obama.jpg'), '-o', join(tmp, 'y.jpg'), '--background', 'mauve');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('light_blue');
  });

  it('exits 1 on a file that is not a photo', () => {
    const bad = join(tmp, 'notes.jpg');
    writeFileSync(bad, '%PDF-1.7\n1 0 obj\n');
    const out = join(tmp, 'notes-out.jpg');
    const r = idphoto('process', bad, '-o', out);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toMatch(/not supported|PDF/i);
  });

  it('exits 1 with usage on bad arguments', () => {
    expect(idphoto('process', join(PORTRAITS, 'biden.jpg')).code).toBe(1);
    expect(idphoto('process', join(PORTRAITS, 'biden.jpg'), '-o', join(tmp, 'x.jpg'), '--spec', 'nope').code).toBe(1);
    expect(idphoto('frobnicate').code).toBe(1);
    const help = idphoto('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('idphoto batch');
  });
});

describe('idphoto batch', () => {
  it('refuses two inputs with the same name before doing any work', () => {
    const dir = join(tmp, 'dups');
    mkdirSync(dir);
    copyFileSync(join(PORTRAITS, 'biden.jpg'), join(dir, 'a.jpg'));
    copyFileSync(join(PORTRAITS, 'biden.jpg'), join(dir, 'a.png'));
    const out = join(tmp, 'dups-out');
    const r = idphoto('batch', dir, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a.jpg and a.png');
    expect(existsSync(out)).toBe(false);
  });

  it('writes a report for every input, photos only when produced, masks whenever the photo could be read', () => {
    const dir = join(tmp, 'in');
    mkdirSync(dir);
    copyFileSync(join(PORTRAITS, 'obama-2.jpg'), join(dir, 'good.jpg'));
    copyFileSync(join(PORTRAITS, 'two-people.jpg'), join(dir, 'pair.jpg'));
    writeFileSync(join(dir, 'broken.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const out = join(tmp, 'out');
    const r = idphoto('batch', dir, '--out', out, '--masks', '--jobs', '2');
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'good.jpg'))).toBe(true);
    expect(existsSync(join(out, 'pair.jpg'))).toBe(false);
    expect(existsSync(join(out, 'broken.jpg'))).toBe(false);
    expect(existsSync(join(out, 'good.mask.png'))).toBe(true);
    expect(existsSync(join(out, 'pair.mask.png'))).toBe(true);
    expect(existsSync(join(out, 'broken.mask.png'))).toBe(false);
    expect(readJson(join(out, 'pair.json')).verdict).toBe('reject');
    expect(readJson(join(out, 'broken.json')).error?.code).toMatch(/^INPUT_/);
    expect(['pass', 'warn']).toContain(readJson(join(out, 'good.json')).verdict);
    expect(r.stdout).toMatch(/3 photos .*1 rejected, 1 errors/);
  });
});

describe('idphoto sheet', () => {
  it('makes a 1800×1200 sheet from the original photo', async () => {
    const out = join(tmp, 'sheet.jpg');
    const r = idphoto('sheet', join(PORTRAITS, 'biden.jpg'), '--layout', '1', '-o', out);
    expect(r.code).toBe(0);
    const m = await sharp(out).metadata();
    expect([m.width, m.height]).toEqual([1800, 1200]);
    const pdf = join(tmp, 'sheet.pdf');
    expect(idphoto('sheet', join(PORTRAITS, 'biden.jpg'), '--layout', '2', '-o', pdf).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('exits 3 when the photo is rejected', () => {
    const out = join(tmp, 'sheet-rej.jpg');
    expect(idphoto('sheet', join(PORTRAITS, 'two-people.jpg'), '--layout', '2', '-o', out).code).toBe(3);
    expect(existsSync(out)).toBe(false);
  });
});
