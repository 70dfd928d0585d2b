import type { CodeChannel, CodePurpose, StudentProfile } from '@gradphoto/contracts/accounts';
import { maskIdNumber } from '@gradphoto/contracts/id-number';
import { EmailSchema, PhoneSchema } from '@gradphoto/contracts/accounts';
import { bilingual as m, errors } from '../../errors.js';
import type { IdCrypto } from '../../lib/id-crypto.js';
import type { PasswordHasher } from '../../adapters/password-hasher.js';
import type { ThrottleService } from '../throttle/throttle.service.js';
import type { VerificationService } from '../verification/verification.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { AccountsRepo, StudentRow } from './accounts.repo.js';

export interface AccountsDeps {
  repo: AccountsRepo;
  idCrypto: IdCrypto;
  hasher: PasswordHasher;
  verification: VerificationService;
  throttle: ThrottleService;
  sessions: SessionsService;
}

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

export interface RegisterInput {
  idType: 'id_card' | 'passport';
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  phone?: string;
  email: string;
  password: string;
  code: string;
}

const badCredentials = (captchaRequired: boolean) =>
  errors.validation('BAD_CREDENTIALS', m('证件号或密码错误', 'Wrong ID number or password'), undefined, { captchaRequired });

export function toStudentProfile(row: StudentRow, idCrypto: IdCrypto): StudentProfile {
  return {
    id: row.id,
    idType: row.idType,
    idNumberMasked: maskIdNumber(idCrypto.decrypt(row.idNumberEnc)),
    name: row.name,
    gender: row.gender,
    phone: row.phone,
    email: row.email,
    hasAvatar: row.avatarKey !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Student accounts: registration with a verified phone (or email), password or code login, reset. */
export function createAccountsService(deps: AccountsDeps) {
  let dummyHash: Promise<string> | undefined;
  async function startSession(row: StudentRow, meta: ClientMeta) {
    const session = await deps.sessions.create('student', row.id, meta);
    return { student: toStudentProfile(row, deps.idCrypto), session };
  }
  const findByTarget = (channel: CodeChannel, target: string) =>
    channel === 'sms' ? deps.repo.findByPhone(target) : deps.repo.findByEmail(target);

  function normaliseTarget(channel: CodeChannel, target: string): string {
    const parsed = (channel === 'sms' ? PhoneSchema : EmailSchema).safeParse(target);
    if (!parsed.success) {
      throw errors.validation('VALIDATION', m('手机号或邮箱格式不正确', 'The phone number or email address is not valid'), [
        { path: 'target', message: m('格式不正确', 'Invalid format') },
      ]);
    }
    return parsed.data;
  }

  return {
    async sendCode(input: { purpose: CodePurpose; channel: CodeChannel; target: string; ip: string }) {
      const target = normaliseTarget(input.channel, input.target);
      const existing = await findByTarget(input.channel, target);
      if ((input.purpose === 'register' || input.purpose === 'change_contact') && existing) {
        throw errors.conflict(
          input.channel === 'sms' ? 'PHONE_TAKEN' : 'EMAIL_TAKEN',
          input.channel === 'sms'
            ? m('该手机号已注册，请直接登录', 'This phone number is already registered; please log in')
            : m('该邮箱已注册，请直接登录', 'This email address is already registered; please log in'),
        );
      }
      const deliver = input.purpose === 'register' || input.purpose === 'change_contact' || Boolean(existing);
      return deps.verification.send({ ...input, target, deliver });
    },

    async register(input: RegisterInput, meta: ClientMeta) {
      const hash = deps.idCrypto.lookupHash(input.idNumber);
      if (await deps.repo.findByIdHash(hash)) {
        throw errors.conflict('ACCOUNT_EXISTS', m('该证件号已注册，请直接登录或找回密码', 'This ID number is already registered; log in or reset the password'));
      }
      const channel: CodeChannel = input.phone ? 'sms' : 'email';
      await deps.verification.verify({ purpose: 'register', channel, target: input.phone ?? input.email, code: input.code });
      const result = await deps.repo.insert({
        idType: input.idType,
        idNumberEnc: deps.idCrypto.encrypt(input.idNumber),
        idNumberHash: hash,
        idLast4: input.idNumber.slice(-4),
        name: input.name,
        gender: input.gender,
        phone: input.phone ?? null,
        email: input.email,
        passwordHash: await deps.hasher.hash(input.password),
      });
      if ('taken' in result) {
        const which = {
          id: ['ACCOUNT_EXISTS', m('该证件号已注册', 'This ID number is already registered')],
          phone: ['PHONE_TAKEN', m('该手机号已注册', 'This phone number is already registered')],
          email: ['EMAIL_TAKEN', m('该邮箱已注册', 'This email address is already registered')],
        } as const;
        const [code, message] = which[result.taken];
        throw errors.conflict(code, message);
      }
      return startSession(result, meta);
    },

    async loginWithPassword(input: { idNumber: string; password: string; captchaId?: string; captchaAnswer?: string }, meta: ClientMeta) {
      const hash = deps.idCrypto.lookupHash(input.idNumber);
      const keys = { account: `student:${hash}`, ip: meta.ip };
      await deps.throttle.guard(keys, input);
      const student = await deps.repo.findByIdHash(hash);
      dummyHash ??= deps.hasher.hash('timing-equaliser-password');
      const ok = await deps.hasher.verify(student?.passwordHash ?? (await dummyHash), input.password);
      if (!student || !ok) {
        const s = await deps.throttle.recordFailure(keys);
        throw badCredentials(s.captchaRequired);
      }
      await deps.throttle.recordSuccess(keys);
      return startSession(student, meta);
    },

    async loginWithCode(input: { channel: CodeChannel; target: string; code: string }, meta: ClientMeta) {
      const target = normaliseTarget(input.channel, input.target);
      await deps.verification.verify({ purpose: 'login', channel: input.channel, target, code: input.code });
      const student = await findByTarget(input.channel, target);
      if (!student) throw errors.validation('CODE_INVALID', m('验证码错误或已过期', 'The code is wrong or has expired'));
      return startSession(student, meta);
    },

    async resetPassword(input: { channel: CodeChannel; target: string; code: string; newPassword: string }) {
      const target = normaliseTarget(input.channel, input.target);
      await deps.verification.verify({ purpose: 'reset', channel: input.channel, target, code: input.code });
      const student = await findByTarget(input.channel, target);
      if (!student) throw errors.validation('CODE_INVALID', m('验证码错误或已过期', 'The code is wrong or has expired'));
      await deps.repo.updatePassword(student.id, await deps.hasher.hash(input.newPassword));
      // A reset ends every session: whoever knew the old password is logged out.
      await deps.sessions.destroyAllFor('student', student.id);
      return { ok: true as const };
    },

    logout: (sessionId: string) => deps.sessions.destroy(sessionId),

    /** Changes the phone or the email after the new one is confirmed by a code sent to it. */
    async changeContact(studentId: string, input: { channel: CodeChannel; target: string; code: string }) {
      const target = normaliseTarget(input.channel, input.target);
      await deps.verification.verify({ purpose: 'change_contact', channel: input.channel, target, code: input.code });
      const result = await deps.repo.updateContact(studentId, input.channel === 'sms' ? { phone: target } : { email: target });
      if (result === 'taken') throw errors.conflict(input.channel === 'sms' ? 'PHONE_TAKEN' : 'EMAIL_TAKEN', m('该联系方式已被其他账号使用', 'Another account already uses it'));
      return { student: toStudentProfile(result, deps.idCrypto) };
    },

    async setAvatar(studentId: string, key: string) {
      await deps.repo.setAvatar(studentId, key);
    },

    async profile(studentId: string): Promise<StudentProfile | null> {
      const row = await deps.repo.findById(studentId);
      return row ? toStudentProfile(row, deps.idCrypto) : null;
    },
  };
}
export type AccountsService = ReturnType<typeof createAccountsService>;
