import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.js';
import { REPO_ROOT, SEED, type TestServer } from './server.js';
import type { newStudent } from './people.js';

export const PORTRAITS = path.join(REPO_ROOT, 'packages/photo/test-fixtures/portraits');

const SHOTS = path.join(REPO_ROOT, 'docs/screenshots');

/** Saves docs/screenshots/journey-<name>.png once the page has settled (toasts and spinners gone). */
export async function shot(page: Page, name: string, fullPage = false) {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.adm-toast-mask')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `journey-${name}.png`), fullPage });
}

/** A fake-camera video (y4m, 720×960) made from an image (by default a real public-domain portrait), in a fresh temp dir. */
export function makeFakeCameraVideo(image = path.join(PORTRAITS, 'obama.jpg')): {
  file: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'gradphoto-cam-'));
  const file = path.join(dir, 'camera.y4m');
  const fit = image.endsWith('.png')
    ? 'scale=560:-2,pad=720:960:(ow-iw)/2:(oh-ih)/2:white'
    : 'scale=-2:960,crop=720:960';
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    image,
    '-t',
    '2',
    '-vf',
    `${fit},format=yuv420p`,
    '-r',
    '10',
    file,
  ]);
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a QR code PNG holding `text` to a temp file (for a camera video of it). */
export async function qrPngFile(text: string): Promise<{ file: string; cleanup: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gradphoto-qr-'));
  const file = path.join(dir, 'code.png');
  writeFileSync(file, await qrPng(text));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A Chromium of its own whose camera shows `y4m` (permission granted without a prompt). The fake camera
 * is a process-wide flag, so this cannot be the run's shared Chromium.
 */
export function launchCameraBrowser(y4m: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
}

/** The seeded batch's 特征码, printed once when the data was seeded. */
export function seededFeatureCode(server: TestServer): string {
  const m = /Batch 特征码: (\w{4})/.exec(server.seedLog);
  if (!m) throw new Error(`no 特征码 in the seed output:\n${server.seedLog}\n${server.output()}`);
  return m[1]!;
}

/** A PNG of a QR code holding `text`. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width: 360, margin: 4 });
}

type Student = ReturnType<typeof newStudent>;

/** Step 1 of 添加学历 with the 集中采集 mode: 特征码 + last 4 (prefilled from the account). */
export async function findBatch(page: Page, featureCode: string) {
  await page.goto('/collections/new');
  await page.getByTestId('mode-centralized').click();
  await page.locator('input[name=featureCode]').fill(featureCode.toLowerCase());
  await page.getByTestId('find-batch').click();
  await page.getByTestId('batch-card').waitFor();
}

/** Fills the graduate form (step 3) for `s` and goes on to the confirm screen. */
export async function fillGraduateForm(page: Page, s: Student) {
  await page.getByTestId('identify-form').click();
  await page.locator('input[name=idNumber]').fill(s.idNumber);
  await page.locator('input[name=studentNumber]').fill(`2023${s.idNumber.slice(-6)}`);
  await page.locator('input[name=department]').fill('计算机学院');
  await page.locator('input[name=major]').fill('软件工程');
  await page.getByTestId('education-level').getByText('本科').click();
  await page.getByTestId('education-category').getByText('普通全日制').click();
  await page.getByTestId('form-next').click();
  await page.getByTestId('confirm-list').waitFor();
}

/** Adds a 学历 by the form and lands on the photo page; returns the collection id. */
export async function addCollectionByForm(page: Page, s: Student, featureCode: string): Promise<string> {
  await findBatch(page, featureCode);
  await fillGraduateForm(page, s);
  await page.getByTestId('identity').getByText('毕业生').click();
  await page.getByTestId('confirm-add').click();
  await page.waitForURL(/\/collections\/[0-9a-f-]{36}\/photo$/);
  return /\/collections\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
}

/** Logs a reviewer into the console on `page` and opens the review page. */
export async function openReviewConsole(page: Page) {
  await page.goto('/console/login');
  await page.locator('input[name=username]').fill(SEED.reviewer.username);
  await page.locator('input[name=password]').fill(SEED.reviewer.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('dashboard-title').waitFor();
  await page.goto('/console/reviews');
  await page.getByTestId('review-page').waitFor();
}
