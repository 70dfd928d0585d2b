import type { CodeChannel } from '@gradphoto/contracts/accounts';
import { maskPhone } from '@gradphoto/contracts/id-number';
import { ERASURE_BLOCKING_ORDER_STATES, type EraseAccountRequest, type ErasureCodeResponse, type ErasureOrder, type ErasureStatus } from '@gradphoto/contracts/privacy';
import type { Mailer } from '../../adapters/mailer.js';
import type { PasswordHasher } from '../../adapters/password-hasher.js';
import type { SmsSender } from '../../adapters/sms.js';
import { bilingual as m, errors } from '../../errors.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { FileStorage } from '../../storage/storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { VerificationService } from '../verification/verification.service.js';
import type { PrivacyRepo, StudentPhoto, StudentRow } from './privacy.repo.js';

export interface PrivacyDeps {
  repo: PrivacyRepo;
  hasher: PasswordHasher;
  verification: VerificationService;
  storage: FileStorage;
  audit: AuditService;
  jobs: JobQueue;
  sms: SmsSender;
  mailer: Mailer;
  /** A fresh ciphertext of the empty string (erased ID numbers still decrypt, to nothing). */
  emptyIdCiphertext(): Buffer;
  /** The keys of a submission's cached print-size photos (prints module). */
  printCacheKeys(submissionId: string, background: string): string[];
  smsSignature: string;
  centreName: string;
  centrePhone: string;
  now?: () => Date;
  /** Where a failed file deletion or confirmation is reported (the job retries the files). */
  warn?: (message: string, err: unknown) => void;
}

export type ErasureConfirmation = EraseAccountRequest;

const FILE_SWEEP_DELAY_MS = 10 * 60_000;

/** `ab***@example.com`: enough to recognise one's own address. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return email;
  return `${email.slice(0, Math.min(2, at))}***${email.slice(at)}`;
}

const isBlocking = (o: ErasureOrder) => (ERASURE_BLOCKING_ORDER_STATES as readonly string[]).includes(o.status);

/** The bilingual refusal, naming the orders that must finish (or be refunded) first. */
export function erasureBlocked(orders: ErasureOrder[]) {
  const nos = orders.map((o) => o.orderNo).join('、');
  const nosEn = orders.map((o) => o.orderNo).join(', ');
  return errors.conflict(
    'ERASURE_BLOCKED',
    m(
      `以下订单已支付但尚未完成或退款，暂时不能删除账号和个人信息：${nos}。请在订单完成或退款后再申请；如需退款，请在订单页申请或联系采集中心。`,
      `Your data cannot be deleted yet: ${orders.length === 1 ? 'order' : 'orders'} ${nosEn} ${orders.length === 1 ? 'is' : 'are'} paid but not yet completed or refunded. Ask again once ${orders.length === 1 ? 'it is' : 'they are'} completed or refunded; to get a refund, ask on the order page or contact the centre.`,
    ),
    { orderNos: orders.map((o) => o.orderNo) },
  );
}

/**
 * A student's data deletion (PIPL). Confirmed by the password or a code sent to the student's own phone
 * (or email). Paid orders that are not completed or refunded block it; otherwise unpaid orders are closed and
 * the personal data is erased in one transaction (see privacy.repo.ts), the photo files are deleted, export
 * ZIPs and print PDFs holding the student are deleted by a job (built-files.service.ts), a final confirmation
 * goes to the phone or email, and the erasure is audited. Orders stay for accounting.
 */
export function createPrivacyService(deps: PrivacyDeps) {
  const now = deps.now ?? (() => new Date());
  const warn = deps.warn ?? ((message: string, err: unknown) => console.error(`[privacy] ${message}`, err));

  async function live(studentId: string): Promise<StudentRow> {
    const s = await deps.repo.student(studentId);
    if (!s || s.erasedAt) throw errors.unauthenticated();
    return s;
  }
  const codeTarget = (s: StudentRow): { channel: CodeChannel; target: string } =>
    s.phone ? { channel: 'sms', target: s.phone } : { channel: 'email', target: s.email };
  const masked = (t: { channel: CodeChannel; target: string }) => (t.channel === 'sms' ? maskPhone(t.target) : maskEmail(t.target));

  /** Every file of the student's photos: originals, results, cached print sizes, and the avatar. */
  function fileKeys(studentId: string, photos: StudentPhoto[]): string[] {
    const keys = new Set<string>([`avatars/${studentId}.jpg`]);
    for (const p of photos) {
      keys.add(p.originalKey);
      if (p.resultKey) keys.add(p.resultKey);
      // results are stored at a fixed key: known even after the erasure cleared the row's resultKey
      keys.add(`results/${p.collectionId}/${p.submissionId}.jpg`);
      for (const k of deps.printCacheKeys(p.submissionId, p.background)) keys.add(k);
    }
    return [...keys];
  }

  async function deleteFiles(keys: string[]): Promise<void> {
    for (const key of keys) await deps.storage.delete(key);
  }

  async function sendConfirmation(student: StudentRow, keptOrders: ErasureOrder[]): Promise<'sms' | 'email'> {
    const kept = keptOrders.map((o) => o.orderNo);
    if (student.phone) {
      await deps.sms.send({
        to: student.phone,
        template: 'account_erased',
        params: { orders: String(kept.length) },
        text: `【${deps.smsSignature}】您的账号及个人信息（照片、证件号、姓名、联系方式、地址）已按您的申请删除，账号已注销。${kept.length ? `订单 ${kept.join('、')} 的交易记录按财务规定匿名保留。` : ''}如非本人操作，请致电 ${deps.centrePhone}。`,
      });
      return 'sms';
    }
    await deps.mailer.send({
      to: student.email,
      subject: `${deps.centreName}：账号及个人信息已删除 / Your account and data have been deleted`,
      text: [
        '您的账号及个人信息（照片、证件号、姓名、联系方式、地址）已按您的申请删除，账号已注销。',
        ...(kept.length ? [`订单 ${kept.join('、')} 的交易记录（订单号、金额、支付与退款）按财务规定匿名保留。`] : []),
        `如非本人操作，请致电 ${deps.centrePhone}。`,
        '',
        'Your account and personal data (photos, ID number, name, contact details, addresses) have been deleted as you asked; the account is closed.',
        ...(kept.length ? [`The accounting records of order(s) ${kept.join(', ')} (number, amounts, payments and refunds) are kept without personal data, as the law requires.`] : []),
        `If this was not you, call ${deps.centrePhone}.`,
      ].join('\n'),
    });
    return 'email';
  }

  return {
    /** What a deletion would do now: blockers, orders kept or closed, where a code would go. */
    async status(studentId: string): Promise<ErasureStatus> {
      const s = await live(studentId);
      const orders = await deps.repo.orders(studentId);
      const blockingOrders = orders.filter(isBlocking);
      const t = codeTarget(s);
      return {
        allowed: blockingOrders.length === 0,
        blockingOrders,
        keptOrders: orders.filter((o) => o.status !== 'pending_payment' && !isBlocking(o)),
        closedOrders: orders.filter((o) => o.status === 'pending_payment'),
        codeChannel: t.channel,
        codeTargetMasked: masked(t),
      };
    },

    /** Sends a confirmation code to the student's own phone (or email): no target comes from the request. */
    async sendCode(studentId: string, ip: string): Promise<ErasureCodeResponse> {
      const s = await live(studentId);
      const t = codeTarget(s);
      const sent = await deps.verification.send({ purpose: 'delete_account', ...t, ip, deliver: true });
      return { ...sent, channel: t.channel, targetMasked: masked(t) };
    },

    /** Erases the student's personal data once confirmed; throws ERASURE_BLOCKED with the order numbers. */
    async erase(studentId: string, confirmation: ErasureConfirmation, meta: { ip: string }): Promise<{ ok: true }> {
      const s = await live(studentId);
      // refuse before asking for proof, so a blocked student does not spend a code
      const blockers = (await deps.repo.orders(studentId)).filter(isBlocking);
      if (blockers.length) throw erasureBlocked(blockers);
      if (confirmation.method === 'password') {
        if (!s.passwordHash || !(await deps.hasher.verify(s.passwordHash, confirmation.password))) {
          throw errors.validation('BAD_PASSWORD', m('密码不正确', 'The password is wrong'), [{ path: 'password', message: m('密码不正确', 'Wrong password') }]);
        }
      } else {
        await deps.verification.verify({ purpose: 'delete_account', ...codeTarget(s), code: confirmation.code });
      }

      const photos = await deps.repo.photos(studentId);
      const keys = fileKeys(studentId, photos);
      const result = await deps.repo.erase({ studentId, now: now(), emptyIdCiphertext: deps.emptyIdCiphertext(), throttleKey: `account:student:${s.idNumberHash}` });
      if (result.outcome === 'blocked') throw erasureBlocked(result.blockingOrders);
      if (result.outcome === 'already_erased') throw errors.unauthenticated();

      // a second pass later catches a photo the engine was still writing, or a deletion that failed now
      await deps.jobs.send('privacy.erase-files', { studentId }, { startAfter: new Date(now().getTime() + FILE_SWEEP_DELAY_MS) });
      // export ZIPs and print PDFs built before holding the student: now, and again after a build running now
      await deps.jobs.send('privacy.purge-built-files', {});
      await deps.jobs.send('privacy.purge-built-files', {}, { startAfter: new Date(now().getTime() + FILE_SWEEP_DELAY_MS) });
      try {
        await deleteFiles(keys);
      } catch (err) {
        warn(`deleting the files of erased student ${studentId} failed; the erase-files job retries`, err);
      }
      let sentTo: 'sms' | 'email' | null = null;
      try {
        sentTo = await sendConfirmation(s, result.keptOrders);
      } catch (err) {
        warn(`the erasure confirmation to student ${studentId} could not be sent`, err);
      }
      await deps.audit.record({ type: 'student', id: studentId, ip: meta.ip }, 'student.erased', { type: 'student', id: studentId }, {
        method: confirmation.method,
        closedOrders: result.closedOrders.map((o) => o.orderNo),
        keptOrders: result.keptOrders.map((o) => o.orderNo),
        submissions: result.submissions,
        withdrawnSubmissions: result.withdrawn,
        graduates: result.graduates,
        files: keys.length,
        confirmation: sentTo,
      });
      return { ok: true };
    },

    /** Job: deletes an erased student's photo files (again). Harmless to repeat; does nothing for a live account. */
    async eraseFiles(studentId: string): Promise<{ files: number }> {
      const s = await deps.repo.student(studentId);
      if (!s?.erasedAt) return { files: 0 };
      const keys = fileKeys(studentId, await deps.repo.photos(studentId));
      await deleteFiles(keys);
      return { files: keys.length };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;
