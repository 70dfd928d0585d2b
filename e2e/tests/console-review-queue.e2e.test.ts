import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { REVIEW_UNDO_SECONDS } from '@gradphoto/contracts/console-reviews';
import { connectBrowser, desktopContext } from '../src/browser.js';
import { startServer, type TestServer } from '../src/server.js';
import { seededFeatureCode, staffApi, type ApiClient } from '../src/journey-api.js';
import { consoleLogin, consoleShot, failureShot, pageApi } from '../src/console-kit.js';
import { apiAs, createStaff, loginAs, type StaffAccount } from '../src/console-staff.js';
import { waitingStudent, type WaitingStudent } from '../src/review-data.js';

/**
 * The review queue, one photo at a time, with two reviewers side by side: they never get the same photo,
 * an idle reviewer's claim runs out (the server runs with REVIEW_CLAIM_TTL_SECONDS=20; the test waits for it
 * while the other reviewer works), keyboard shortcuts (A approve, R reject with a template and free text,
 * S skip), the original beside the result with the checks and the zoomed preview, and undo (within the
 * window, not someone else's, not after the window). The server's state is read back after every step.
 */

/** the claim's life on this test's server (120 s by default) */
const CLAIM_TTL_SECONDS = 20;

let server: TestServer;
let browser: Browser;
let ctxA: BrowserContext;
let ctxB: BrowserContext;
let pageA: Page;
let admin: Awaited<ReturnType<typeof staffApi>>;
let second: StaffAccount;
let secondApi: Awaited<ReturnType<typeof apiAs>>;
const s: WaitingStudent[] = []; // in the queue's order (oldest submission first)
let claimedByB = 0; // when the second reviewer's page claimed s[1]
let firstApprovedAt = 0;

beforeAll(async () => {
  server = await startServer({ REVIEW_CLAIM_TTL_SECONDS: String(CLAIM_TTL_SECONDS) });
  browser = await connectBrowser();
  admin = await staffApi(server, 'admin');
  second = await createStaff(admin.api, { username: 'reviewer2', name: '第二审核员', role: 'reviewer' });
  secondApi = await apiAs(server, second);
  const code = await seededFeatureCode(admin.api);
  const names = ['赵一', '钱二', '孙三', '李四', '周五', '吴六'];
  for (const [i, name] of names.entries())
    s.push(
      await waitingStudent(browser, server, code, {
        name,
        photo: i % 2 ? 'obama-2.jpg' : 'biden.jpg',
        pay: true,
      }),
    );
  ctxA = await desktopContext(browser, server.baseUrl);
  pageA = await ctxA.newPage();
  await consoleLogin(pageA, 'reviewer');
  ctxB = await desktopContext(browser, server.baseUrl);
}, 400_000);

afterAll(async () => {
  for (const x of s) await x.close();
  await admin?.dispose();
  await secondApi?.dispose();
  await browser?.close();
  await server?.stop();
});

beforeEach((c) => {
  c.onTestFailed(() => failureShot(pageA, c.task.name));
});

const shown = (p: Page, name: string) =>
  p.getByTestId('review-graduate').getByText(name, { exact: true }).waitFor();
const rejectReason = async (w: WaitingStudent) =>
  (await w.api.get<{ rejectReason: string | null }>(`/api/submissions/${w.submissionId}`)).rejectReason;
/** A decision or undo by someone else, answered with an error: its status and code. */
async function refused(api: ApiClient, w: WaitingStudent, what: 'approve' | 'undo' | 'heartbeat') {
  const res = await api.postRaw(`/api/console/submissions/${w.submissionId}/${what}`);
  const body = (await res.json()) as { error?: { code?: string } };
  return { status: res.status(), code: body.error?.code };
}
/** The oldest free photo the admin would get next, apart from `skip` (then released again). */
async function nextFreeForAdmin(skip: string[] = []) {
  const r = await admin.api.post<{ item: { submission: { id: string } } | null }>(
    '/api/console/reviews/next',
    { skip },
  );
  const id = r.item?.submission.id ?? null;
  if (id) await admin.api.post(`/api/console/submissions/${id}/release`);
  return id;
}

describe('claiming', () => {
  it('gives two reviewers different photos, and the other reviewer cannot decide a claimed one', async () => {
    await pageA.goto('/console/reviews');
    await shown(pageA, '赵一');
    await pageA.getByTestId('review-pending').getByText('待审核 6 张').waitFor();

    const pageB = await ctxB.newPage();
    await loginAs(pageB, second);
    claimedByB = Date.now();
    await pageB.goto('/console/reviews');
    await shown(pageB, '钱二');
    await pageB.getByTestId('review-pending').getByText('第二审核员', { exact: false }).waitFor();

    // each photo is held by its reviewer: the other one is refused, the admin is given neither
    expect(await refused(secondApi.api, s[0]!, 'approve')).toEqual({ status: 409, code: 'REVIEW_CLAIMED' });
    expect(
      (
        await pageApi<{ error: { code: string } }>(
          pageA,
          'POST',
          `/api/console/submissions/${s[1]!.submissionId}/approve`,
        )
      ).json.error.code,
    ).toBe('REVIEW_CLAIMED');
    expect(await nextFreeForAdmin()).toBe(s[2]!.submissionId);
    expect(await s[0]!.status()).toBe('pending_review');
    expect(await s[1]!.status()).toBe('pending_review');

    // the second reviewer walks away: the browser closes without releasing the claim (no heartbeat any more)
    await ctxB.close();
  });
});

describe('keyboard', () => {
  it('A approves and the next free photo comes (not the one the idle reviewer holds)', async () => {
    await pageA.keyboard.press('a');
    await shown(pageA, '孙三');
    firstApprovedAt = Date.now();
    await pageA.locator('.ant-alert').getByText('已通过：赵一').waitFor();
    expect(await s[0]!.status()).toBe('approved');
    await pageA.getByTestId('review-pending').getByText('待审核 5 张').waitFor();
  });

  it('R rejects with a reason template and free text', async () => {
    expect(await pageA.getByTestId('reject').isDisabled()).toBe(true);
    await pageA.keyboard.press('r'); // nothing chosen yet: no rejection
    await pageA.getByTestId('reason-text').fill('请摘下眼镜后重拍');
    await pageA.getByTestId('reason-glasses_glare').click();
    await pageA.keyboard.press('r');
    await shown(pageA, '李四');
    expect(await s[2]!.status()).toBe('rejected');
    expect(await rejectReason(s[2]!)).toBe('眼镜反光 / Glare on the glasses：请摘下眼镜后重拍');
  });

  it('S skips: the photo is released for the others and not shown again to this reviewer', async () => {
    await pageA.keyboard.press('s');
    await shown(pageA, '周五');
    expect(await s[3]!.status()).toBe('pending_review');
    expect(await nextFreeForAdmin()).toBe(s[3]!.submissionId);
  });
});

describe('the photo', () => {
  it('shows the original beside the result with the checks, and zooms in', async () => {
    const original = pageA.getByTestId('review-original').locator('img');
    const result = pageA.getByTestId('review-result').locator('img');
    for (const img of [original, result])
      await expect
        .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0))
        .toBe(true);
    const o = (await original.boundingBox())!;
    const r = (await result.boundingBox())!;
    expect(r.x).toBeGreaterThan(o.x + o.width); // side by side, original first
    expect(Math.abs(r.y - o.y)).toBeLessThan(5);
    await pageA.getByTestId('review-verdict').getByText('合格').waitFor();
    expect(await pageA.getByTestId('review-checks').textContent()).toMatch(/通过 \d+ 项/);
    // the screenshots without the toasts of the earlier decisions and the mouse over a reason
    await pageA.mouse.move(0, 0);
    await expect.poll(() => pageA.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await consoleShot(pageA, 'review-queue', true);

    await result.click();
    const preview = pageA.locator('.ant-image-preview');
    await preview.locator('.ant-image-preview-img').waitFor();
    await preview.getByText('2 / 2').waitFor(); // the result; the original is the other of the pair
    const scale = () =>
      preview
        .locator('.ant-image-preview-img')
        .evaluate((i) => new DOMMatrix(getComputedStyle(i).transform).a);
    expect(await scale()).toBe(1);
    await preview.getByRole('button', { name: 'zoomIn' }).click();
    await preview.getByRole('button', { name: 'zoomIn' }).click();
    await expect.poll(scale).toBeGreaterThan(1.5);
    await consoleShot(pageA, 'review-zoom');
    await pageA.keyboard.press('Escape');
    await preview.locator('.ant-image-preview-img').waitFor({ state: 'hidden' });
  });
});

describe('undo', () => {
  it('takes a decision back within the window; nobody else can', async () => {
    await pageA.keyboard.press('a');
    await shown(pageA, '吴六');
    expect(await s[4]!.status()).toBe('approved');
    const undo = pageA.getByTestId('undo');
    expect(await undo.textContent()).toMatch(/撤销（(29|30) 秒）/);

    expect((await refused(secondApi.api, s[4]!, 'undo')).status).toBe(403);
    expect(await s[4]!.status()).toBe('approved');

    await undo.click();
    await shown(pageA, '周五');
    expect(await undo.count()).toBe(0);
    expect(await s[4]!.status()).toBe('pending_review');
    // back in review, held by the same reviewer; the photo shown in the meantime was released
    expect(await refused(admin.api, s[4]!, 'approve')).toEqual({ status: 409, code: 'REVIEW_CLAIMED' });
    expect(await nextFreeForAdmin([s[3]!.submissionId])).toBe(s[5]!.submissionId);
    const audit = await admin.api.get<{ items: Array<{ actorName: string; targetId: string }> }>(
      '/api/console/audit?action=submission.undo',
    );
    expect(audit.items).toEqual([
      expect.objectContaining({ actorName: '审核员 (reviewer)', targetId: s[4]!.submissionId }),
    ]);

    await pageA.keyboard.press('a');
    await shown(pageA, '吴六');
    await pageA.keyboard.press('a');
    await pageA.getByTestId('review-empty').waitFor();
    expect(await s[4]!.status()).toBe('approved');
    expect(await s[5]!.status()).toBe('approved');
    // left: the idle reviewer's photo and the skipped one
    await pageA.getByTestId('review-pending').getByText('待审核 2 张').waitFor();
  });
});

describe('after the time limits', () => {
  it(
    "the idle reviewer's claim runs out and the photo goes to the other reviewer; an old decision cannot be undone",
    async () => {
      // still held by the idle reviewer (and the skipped photo stays skipped)
      await pageA.getByTestId('review-refresh').click();
      await pageA.getByTestId('review-empty').waitFor();
      // both the idle claim and the first decision's undo window must be over
      const left = Math.max(
        0,
        claimedByB + (CLAIM_TTL_SECONDS + 2) * 1000 - Date.now(),
        firstApprovedAt + (REVIEW_UNDO_SECONDS + 1) * 1000 - Date.now(),
      );
      console.log(`waiting ${Math.round(left / 1000)} s for the idle claim to run out`);
      await pageA.waitForTimeout(left);

      await pageA.getByTestId('review-refresh').click();
      await shown(pageA, '钱二');
      expect(await refused(secondApi.api, s[1]!, 'heartbeat')).toEqual({ status: 409, code: 'CLAIM_LOST' });
      expect(await refused(secondApi.api, s[1]!, 'approve')).toEqual({ status: 409, code: 'REVIEW_CLAIMED' });

      // a template alone is enough to reject
      await pageA.getByTestId('reason-head_position').click();
      await pageA.keyboard.press('r');
      await pageA.getByTestId('review-empty').waitFor();
      expect(await s[1]!.status()).toBe('rejected');
      expect(await rejectReason(s[1]!)).toBe(
        '头顶或眼睛位置不符合要求 / Head-top or eye position out of range',
      );

      expect(Date.now() - firstApprovedAt).toBeGreaterThan(REVIEW_UNDO_SECONDS * 1000);
      const late = await pageApi<{ error: { code: string } }>(
        pageA,
        'POST',
        `/api/console/submissions/${s[0]!.submissionId}/undo`,
      );
      expect([late.status, late.json.error.code]).toEqual([409, 'UNDO_EXPIRED']);
      expect(await s[0]!.status()).toBe('approved');
    },
    (CLAIM_TTL_SECONDS + REVIEW_UNDO_SECONDS + 60) * 1000,
  );
});
