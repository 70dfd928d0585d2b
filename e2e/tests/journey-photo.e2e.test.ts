import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REPO_ROOT, startServer, type TestServer } from '../src/server.js';
import { newStudent } from '../src/people.js';
import { registerByTyping } from '../src/flows.js';
import { outboxCount } from '../src/outbox.js';
import { desktopContext } from '../src/browser.js';
import {
  PORTRAITS,
  addCollectionByForm,
  fillGraduateForm,
  findBatch,
  launchCameraBrowser,
  makeFakeCameraVideo,
  openReviewConsole,
  qrPng,
  qrPngFile,
  seededFeatureCode,
  shot,
} from '../src/journey-photo.js';
import {
  blankCodes,
  createBatch,
  staffSession,
  type ApiSession,
  type TestBatch,
} from '../src/journey-setup.js';

let server: TestServer;
let browser: Browser;
let camera: { file: string; cleanup: () => void };
let admin: ApiSession;
let featureCode: string;
let schoolPaid: TestBatch;
let student: BrowserContext;
let page: Page;
/** Every URL the student's browser asked for (to prove nothing is fetched from elsewhere). */
const requested: string[] = [];

const s = { ...newStudent('photo'), name: '王小红' };
const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
} as const;

beforeAll(async () => {
  camera = makeFakeCameraVideo();
  server = await startServer();
  browser = await launchCameraBrowser(camera.file);
  featureCode = seededFeatureCode(server);
  admin = await staffSession(server, 'admin');
  schoolPaid = await createBatch(admin, {
    school: '学校付费学院',
    code: String(30000 + (Date.now() % 60000)),
    payer: 'school',
  });
  student = await browser.newContext({ ...phone, baseURL: server.baseUrl });
  await student.grantPermissions(['camera'], { origin: server.baseUrl });
  page = await student.newPage();
  page.on('request', (r) => requested.push(r.url()));
  await registerByTyping(page, server, s);
});

afterAll(async () => {
  await student?.close();
  await browser?.close();
  await server?.stop();
  camera?.cleanup();
});

const collections = () =>
  page.evaluate(() =>
    fetch('/api/collections').then((r) => r.json() as Promise<{ items: Array<{ id: string }> }>),
  );

describe('add a 学历, take the photo, review (journey-a)', () => {
  let collectionId = '';

  it('adds a 学历 by the form with a typed 特征码; wrong codes and QR images get clear errors; a double tap adds it once', async () => {
    await page.goto('/collections/new');
    await page.getByTestId('collect-mode').waitFor();
    expect(await page.locator('input[name=idLast4]').inputValue()).toBe(s.idNumber.slice(-4));
    await shot(page, 'add-find');

    await page.locator('input[name=featureCode]').fill('zz9q');
    await page.getByTestId('find-batch').click();
    await page.getByText('没有找到对应的采集批次，请核对特征码').waitFor();

    await findBatch(page, featureCode);
    expect(await page.getByTestId('batch-school').textContent()).toBe('示范大学');
    expect(await page.getByTestId('batch-price').textContent()).toBe('¥20.00');
    await shot(page, 'add-identify');
    await page.getByTestId('identify-scan').click();
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid=scan-video]')?.readyState ?? 0) >= 2,
    );
    await shot(page, 'add-scan');
    await page.getByTestId('scan-close').click();
    await page.getByTestId('scan-video').waitFor({ state: 'detached' });

    // a picture without any QR code, then a QR code that is not ours
    await page.getByTestId('qr-file').setInputFiles(path.join(PORTRAITS, 'obama.jpg'));
    await page.getByText('图片中没有找到二维码').waitFor();
    await page.getByTestId('qr-file').setInputFiles({
      name: 'code.png',
      mimeType: 'image/png',
      buffer: await qrPng(`random-${Date.now()}-not-a-code`),
    });
    await page.getByText('无法识别该图像采集码，请确认二维码是否属于本批次').waitFor();
    await shot(page, 'add-bad-qr');
    const wasm = requested.filter((u) => /zxing_reader.*\.wasm/.test(u));
    expect(wasm.length).toBeGreaterThan(0);
    expect(wasm.every((u) => u.startsWith(server.baseUrl))).toBe(true);

    await fillGraduateFormWithWrongIdFirst(page);
    await page.getByTestId('confirm-add').click();
    await page.getByText('请选择新生或毕业生').waitFor();
    expect(await page.getByTestId('confirm-idNumber').textContent()).toBe(
      `${s.idNumber.slice(0, 4)}**********${s.idNumber.slice(-4)}`,
    );
    expect(await page.getByTestId('confirm-school').textContent()).toBe('示范大学');
    expect(await page.getByTestId('confirm-educationLevel').textContent()).toBe('本科');
    await page.getByTestId('identity').getByText('毕业生').click();
    await shot(page, 'add-confirm', true);
    await page.getByTestId('confirm-add').dblclick();
    await page.waitForURL(/\/collections\/[0-9a-f-]{36}\/photo$/);
    collectionId = /\/collections\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
    expect((await collections()).items).toHaveLength(1);

    // the same record again: the app goes to the existing 学历
    await findBatch(page, featureCode);
    await fillGraduateForm(page, s);
    await page.getByTestId('identity').getByText('毕业生').click();
    await page.getByTestId('confirm-add').click();
    await page.waitForURL(new RegExp(`/collections/${collectionId}$`));
    await page.getByTestId('stage').waitFor();
    expect(await page.getByTestId('stage').getAttribute('data-stage')).toBe('no_photo');
    expect((await collections()).items).toHaveLength(1);
    expect(requested.filter((u) => !u.startsWith(server.baseUrl) && !/^(data|blob):/.test(u))).toEqual([]);
  });

  let invited: TestBatch;
  let invitedCollection = '';

  it('reads a blank invitation QR from an uploaded image → the form → confirm; a revoked code is refused', async () => {
    invited = await createBatch(admin, { school: '邀请码学院', code: String(40000 + (Date.now() % 50000)) });
    const [revoked, blank] = await blankCodes(admin, invited.id, 2);
    await admin.post(`/api/console/codes/${revoked!.id}/revoke`);
    await findBatch(page, invited.featureCode);
    await page
      .getByTestId('qr-file')
      .setInputFiles({ name: 'revoked.png', mimeType: 'image/png', buffer: await qrPng(revoked!.token) });
    await page.getByText('该图像采集码已作废，请联系学校').waitFor();
    await page.getByTestId('qr-file').setInputFiles({
      name: 'code.png',
      mimeType: 'image/png',
      buffer: await qrPng(`https://centre.example/c/${blank!.token}`),
    });
    await page.locator('input[name=idNumber]').waitFor();
    expect(await page.locator('input[name=name]').inputValue()).toBe(s.name);
    await page.locator('input[name=idNumber]').fill(s.idNumber);
    await page.locator('input[name=studentNumber]').fill('2023000001');
    await page.locator('input[name=department]').fill('外国语学院');
    await page.locator('input[name=major]').fill('英语');
    await page.getByTestId('education-level').getByText('硕士研究生').click();
    await page.getByTestId('education-category').getByText('非全日制').click();
    await page.getByTestId('form-next').click();
    await page.getByTestId('confirm-list').waitFor();
    expect(await page.getByTestId('confirm-school').textContent()).toBe('邀请码学院');
    await page.getByTestId('identity').getByText('新生').click();
    await page.getByTestId('confirm-add').click();
    await page.waitForURL(/\/collections\/[0-9a-f-]{36}\/photo$/);
    invitedCollection = /\/collections\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
    const codes = await admin.get<{ items: Array<{ id: string; status: string }> }>(
      `/api/console/batches/${invited.id}/codes?kind=blank`,
    );
    expect(codes.items.find((c) => c.id === blank!.id)?.status).toBe('used');
  });

  it('scans a 图像采集码 with the camera (zxing-wasm on video frames) and goes on with it', async () => {
    const [code] = await blankCodes(admin, invited.id, 1);
    const png = await qrPngFile(code!.token);
    const video = makeFakeCameraVideo(png.file);
    const qrBrowser = await launchCameraBrowser(video.file);
    try {
      const ctx = await qrBrowser.newContext({
        ...phone,
        baseURL: server.baseUrl,
        storageState: await student.storageState(),
      });
      await ctx.grantPermissions(['camera'], { origin: server.baseUrl });
      const p = await ctx.newPage();
      await findBatch(p, invited.featureCode);
      await p.getByTestId('identify-scan').click();
      // a blank invitation: read, checked by the server, then the form to fill in
      await p.locator('input[name=idNumber]').waitFor({ timeout: 20_000 });
      await p.getByText('这是一张空白邀请码，请填写您的学历信息').waitFor();
    } finally {
      await qrBrowser.close();
      video.cleanup();
      png.cleanup();
    }
  });

  async function fillGraduateFormWithWrongIdFirst(p: Page) {
    await p.getByTestId('identify-form').click();
    const other = newStudent('other').idNumber;
    await p
      .locator('input[name=idNumber]')
      .fill(other.slice(-4) === s.idNumber.slice(-4) ? s.idNumber : other);
    await p.locator('input[name=studentNumber]').fill(`2023${s.idNumber.slice(-6)}`);
    await p.locator('input[name=department]').fill('计算机学院');
    await p.locator('input[name=major]').fill('软件工程');
    await p.getByTestId('education-level').getByText('本科').click();
    await p.getByTestId('education-category').getByText('普通全日制').click();
    await p.getByTestId('form-next').click();
    await p.getByText(`证件号最后 4 位应为 ${s.idNumber.slice(-4)}`).waitFor();
    await shot(p, 'add-form', true);
    await p.locator('input[name=idNumber]').fill(s.idNumber);
    await p.getByTestId('form-next').click();
    await p.getByTestId('confirm-list').waitFor();
  }

  it('takes the photo with the fake camera: tips, guide, 合格 with every check, submit → payment', async () => {
    await page.goto(`/collections/${collectionId}/photo`);
    await page.getByTestId('tips').waitFor();
    await shot(page, 'photo-tips');
    for (let i = 2; i <= 7; i++) {
      await page.getByTestId('tips-next').click();
      await expect.poll(() => page.locator('.tips__count').textContent()).toBe(`${i} / 7`);
    }
    await page.getByTestId('tips-start').click();
    await page.waitForURL(/step=camera/);
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('[data-testid=camera-video]');
      return !!v && v.readyState >= 2 && v.videoWidth > 0;
    });
    expect(await page.getByTestId('guide-overlay').count()).toBe(1);
    expect(await page.getByTestId('album').count()).toBe(1);
    await page.waitForTimeout(1200);
    await shot(page, 'camera');

    await page.getByTestId('shutter').click();
    await page.waitForURL(/\/photo\/[0-9a-f-]{36}$/);
    const started = Date.now();
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    const previewMs = Date.now() - started;
    await shot(page, 'photo-result', true);
    // 合格: every must-pass check passed (a busy background is only advice: the Oval Office is behind him)
    expect(['pass', 'warn']).toContain(await page.getByTestId('verdict').getAttribute('data-verdict'));
    expect(await page.getByTestId('verdict').textContent()).toMatch(/^合格/);
    expect(await page.locator('[data-testid^=check-]').count()).toBeGreaterThan(10);
    expect(await page.locator('[data-testid^=check-][data-verdict=fail]').count()).toBe(0);
    expect(await page.locator('[data-testid=check-multiple_faces]').getAttribute('data-verdict')).toBe(
      'pass',
    );
    expect(
      await page
        .getByTestId('result-photo')
        .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]),
    ).toEqual([480, 640]);
    console.log(`camera photo → result shown in ${previewMs} ms`);

    await page.getByTestId('submit').dblclick();
    await page.waitForURL(new RegExp(`/orders/new\\?collection=${collectionId}$`));
    await page.goto(`/collections/${collectionId}`);
    await page.getByTestId('stage').waitFor();
    expect(await page.getByTestId('stage').getAttribute('data-stage')).toBe('to_pay');
    await page.getByTestId('action-pay').waitFor();
    await shot(page, 'detail-to-pay');
  });

  let schoolCollection = '';

  it('a photo of two people from the album is 不合格 with the several-faces message, in Chinese and English', async () => {
    schoolCollection = await addCollectionByForm(page, s, schoolPaid.featureCode);
    await page.goto(`/collections/${schoolCollection}/photo?step=camera`);
    await page.getByTestId('album').waitFor();
    await page.getByTestId('album-input').setInputFiles(path.join(PORTRAITS, 'two-people.jpg'));
    await page.waitForURL(/\/photo\/[0-9a-f-]{36}$/);
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('reject');
    expect(await page.getByTestId('verdict').textContent()).toBe('不合格');
    const faces = page.getByTestId('check-multiple_faces');
    expect(await faces.getAttribute('data-verdict')).toBe('fail');
    expect(await faces.textContent()).toContain('照片中有 2 张人脸，只能有本人一人');
    expect(await page.getByTestId('submit').count()).toBe(0);
    await shot(page, 'photo-rejected');

    await page.getByTestId('lang-switch').click();
    await page.getByText('Not accepted: please retake it').waitFor();
    expect(await faces.textContent()).toContain('The photo shows 2 faces; it must show only you');
    expect(await page.getByTestId('verdict').textContent()).toBe('Not accepted');
    await shot(page, 'photo-rejected-en');
    await page.getByTestId('lang-switch').click();
    await page.getByText('照片不合格，请按提示重拍').waitFor();

    // a file that is not a photo: the engine's own message
    await page.getByTestId('retake').click();
    await page.getByTestId('album-input').setInputFiles({
      name: 'photo.jpg',
      mimeType: 'image/jpeg',
      buffer: readFileSync(path.join(REPO_ROOT, 'packages/photo/test-fixtures/bad/doc.pdf')),
    });
    await page.waitForURL(/\/photo\/[0-9a-f-]{36}$/);
    await page.getByTestId('verdict').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('verdict').getAttribute('data-verdict')).toBe('error');
    expect(await page.getByTestId('result-headline').textContent()).toBe('这个文件无法处理');
    expect((await page.getByTestId('form-error').textContent())!.length).toBeGreaterThan(5);
    expect(await page.getByTestId('submit').count()).toBe(0);
    await shot(page, 'photo-error');
    await page.goto(`/collections/${schoolCollection}`);
    await expect.poll(() => page.getByTestId('stage').getAttribute('data-stage')).toBe('retake');
    await page.getByTestId('action-viewProblems').click();
    await page.getByTestId('retake').waitFor();
  });

  it('a live-only batch offers the camera only; 散排采集 finds batches by region code', async () => {
    const liveOnly = await createBatch(admin, {
      school: '现场拍摄学院',
      code: String(50000 + (Date.now() % 40000)),
      capturePolicy: 'live_only',
    });
    const id = await addCollectionByForm(page, s, liveOnly.featureCode);
    await page.goto(`/collections/${id}/photo?step=camera`);
    await page.getByTestId('live-only').waitFor();
    expect(await page.getByTestId('album').count()).toBe(0);
    await shot(page, 'camera-live-only');

    const region = `E2E${Date.now() % 100000}`;
    for (const name of ['散排一校', '散排二校'])
      await createBatch(admin, {
        school: name,
        code: `${region}${name === '散排一校' ? 1 : 2}`,
        mode: 'scattered',
        regionCode: region,
      });
    await page.goto('/collections/new');
    await page.getByTestId('mode-scattered').click();
    await page.locator('input[name=regionCode]').fill(region);
    await page.getByTestId('find-batch').click();
    await expect.poll(() => page.getByTestId('batch-option').count()).toBe(2);
    await page.getByTestId('batch-option').nth(1).click();
    expect(await page.getByTestId('batch-option').nth(1).getAttribute('class')).toContain('batch-card--on');
    await shot(page, 'add-pick-batch');
  });

  async function shootAndSubmit(): Promise<string> {
    await page.getByTestId('shutter').waitFor();
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid=camera-video]')?.readyState ?? 0) >= 2,
    );
    await page.getByTestId('shutter').click();
    await page.waitForURL(/\/photo\/[0-9a-f-]{36}$/);
    const submissionId = page.url().split('/').pop()!;
    await page.getByTestId('submit').click({ timeout: 30_000 });
    // school-paid: straight to review, back on the 学历's page
    await page.waitForURL(new RegExp(`/collections/${schoolCollection}$`));
    await expect.poll(() => page.getByTestId('stage').getAttribute('data-stage')).toBe('in_review');
    return submissionId;
  }

  it('withdraws a photo waiting for review and retakes it (school-paid: no payment step)', async () => {
    await page.goto(`/collections/${schoolCollection}/photo?step=camera`);
    const first = await shootAndSubmit();
    expect(await page.getByTestId('detail-steps').locator('.adm-step').count()).toBe(4);
    await shot(page, 'detail-in-review');

    await page.getByTestId('action-withdrawRetake').click();
    await page.getByRole('button', { name: '撤回', exact: true }).click();
    await page.waitForURL(new RegExp(`/collections/${schoolCollection}/photo\\?step=camera$`));
    const second = await shootAndSubmit();
    expect(second).not.toBe(first);
    const statuses = await page.evaluate(
      (ids) =>
        Promise.all(
          ids.map((id) =>
            fetch(`/api/submissions/${id}`).then((r) => r.json() as Promise<{ status: string }>),
          ),
        ),
      [first, second],
    );
    expect(statuses.map((x) => x.status)).toEqual(['withdrawn', 'pending_review']);
  });

  it('the reviewer rejects it in the console with a reason; the student sees the reason, retakes, resubmits; approved → delivery', async () => {
    const desk = await desktopContext(browser, server.baseUrl);
    const console = await desk.newPage();
    let claims = 0;
    console.on('request', (r) => {
      if (r.url().endsWith('/api/console/reviews/next')) claims += 1;
    });
    await openReviewConsole(console);
    await console.getByTestId('review-graduate').waitFor();
    await console.waitForTimeout(1000);
    expect(claims).toBe(1); // one claim, kept (no claim/release loop)
    expect(await console.getByTestId('review-graduate').textContent()).toContain(s.name);
    await console.getByTestId('review-result').locator('img').waitFor();
    await console.getByTestId('reason-ears_hidden').click();
    await console.getByTestId('reason-text').fill('请把头发别到耳后');
    await console.waitForTimeout(300);
    await shot(console, 'console-review');
    await console.getByTestId('reject').click();
    await console.getByTestId('undo').waitFor();
    await console.getByTestId('review-empty').waitFor();

    await page.reload();
    await page.getByTestId('reject-reason').waitFor();
    expect(await page.getByTestId('stage').getAttribute('data-stage')).toBe('fix');
    const reason = await page.getByTestId('reject-reason').textContent();
    expect(reason).toContain('耳朵被头发遮挡');
    expect(reason).toContain('请把头发别到耳后');
    await shot(page, 'detail-rejected');

    await page.getByTestId('action-retakeAgain').click();
    await page.getByTestId('tips-skip').click();
    const third = await shootAndSubmit();

    await console.getByTestId('review-refresh').click();
    await console.getByTestId('review-graduate').waitFor();
    expect(await console.getByTestId('review-page').textContent()).toContain('已退回');
    await console.getByTestId('approve').click();
    await console.getByTestId('review-empty').waitFor();
    await desk.close();

    await page.reload();
    await expect.poll(() => page.getByTestId('stage').getAttribute('data-stage')).toBe('approved');
    expect(await page.getByTestId('action-retakeAgain').count()).toBe(0);
    await page.getByTestId('delivery').waitFor();
    await shot(page, 'detail-approved');
    const download = await page.request.get(`/api/submissions/${third}/result.jpg?download=1`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('attachment');

    const mails = outboxCount(server.dataDir, 'mail');
    await page.getByTestId('email-open').click();
    await page.locator('input[name=to]').fill('office@school.example');
    await page.getByTestId('email-send').click();
    await page.getByText('已发送到 office@school.example').waitFor();
    await expect.poll(() => outboxCount(server.dataDir, 'mail')).toBeGreaterThan(mails);

    // after approval the photo page no longer takes photos
    await page.goto(`/collections/${schoolCollection}/photo`);
    await page.getByTestId('photo-locked').waitFor();
  });

  it('works at 360×640 and in English', async () => {
    await page.setViewportSize({ width: 360, height: 640 });
    await page.goto('/collections/new');
    await page.getByTestId('collect-mode').waitFor();
    await shot(page, 'add-find-360x640');
    await page.goto(`/collections/${invitedCollection}/photo?step=camera`);
    await page.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('[data-testid=camera-video]')?.readyState ?? 0) >= 2,
    );
    const shutter = await page.getByTestId('shutter').boundingBox();
    expect(shutter!.y + shutter!.height).toBeLessThanOrEqual(640);
    await shot(page, 'camera-360x640');
    await page.goto(`/collections/${schoolCollection}`);
    await page.getByTestId('delivery').waitFor();
    await shot(page, 'detail-approved-360x640');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('lang-switch').click();
    await page.getByText('Get your photo').waitFor();
    await shot(page, 'detail-approved-en');
    await page.goto('/collections/new');
    await page.getByText('How are you being photographed?').waitFor();
    await shot(page, 'add-find-en');
    await page.goto(`/collections/${invitedCollection}/photo`);
    await page.getByText('Stand in front of a plain wall').waitFor();
    await shot(page, 'photo-tips-en');
    await page.getByTestId('tips-skip').click();
    await page.getByText('Head inside the outline, shoulders visible').waitFor();
    await shot(page, 'camera-en');
    await page.getByTestId('lang-switch').click();
  });
});
