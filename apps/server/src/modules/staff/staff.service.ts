import type { DashboardResponse, StaffProfile, StaffRole } from '@gradphoto/contracts/accounts';
import { bilingual as m, errors } from '../../errors.js';
import type { PasswordHasher } from '../../adapters/password-hasher.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import type { ThrottleService } from '../throttle/throttle.service.js';
import type { StaffRepo } from './staff.repo.js';

export interface StaffDeps {
  repo: StaffRepo;
  hasher: PasswordHasher;
  throttle: ThrottleService;
  sessions: SessionsService;
}

/** Console accounts (admin, reviewer, school coordinator) and their dashboards. */
export function createStaffService(deps: StaffDeps) {
  let dummyHash: Promise<string> | undefined;
  async function profile(staffId: string): Promise<StaffProfile | null> {
    const found = await deps.repo.findWithSchool(staffId);
    if (!found || found.staff.disabled) return null;
    const s = found.staff;
    return { id: s.id, username: s.username, name: s.name, role: s.role, schoolId: s.schoolId, schoolName: found.schoolName };
  }


  return {
    async login(
      input: { username: string; password: string; captchaId?: string; captchaAnswer?: string },
      meta: { ip: string; userAgent?: string },
    ) {
      const keys = { account: `staff:${input.username.toLowerCase()}`, ip: meta.ip };
      await deps.throttle.guard(keys, input);
      const row = await deps.repo.findByUsername(input.username);
      dummyHash ??= deps.hasher.hash('timing-equaliser-password');
      const ok = await deps.hasher.verify(row?.passwordHash ?? (await dummyHash), input.password);
      if (!row || !ok || row.disabled) {
        const s = await deps.throttle.recordFailure(keys);
        throw errors.validation('BAD_CREDENTIALS', m('用户名或密码错误', 'Wrong username or password'), undefined, {
          captchaRequired: s.captchaRequired,
        });
      }
      await deps.throttle.recordSuccess(keys);
      const session = await deps.sessions.create('staff', row.id, meta);
      return { staff: (await profile(row.id))!, session };
    },

    logout: (sessionId: string) => deps.sessions.destroy(sessionId),

    profile,

    async dashboard(actor: { role: StaffRole; schoolId: string | null }): Promise<DashboardResponse> {
      switch (actor.role) {
        case 'admin':
          return {
            role: actor.role,
            cards: [
              { key: 'schools', value: await deps.repo.countSchools() },
              { key: 'batches', value: await deps.repo.countBatches() },
              { key: 'staff', value: await deps.repo.countAll() },
            ],
          };
        case 'reviewer':
          return { role: actor.role, cards: [{ key: 'pendingReview', value: 0 }, { key: 'reviewedToday', value: 0 }] };
        case 'school_coordinator':
          return { role: actor.role, cards: [{ key: 'batches', value: await deps.repo.countBatches(actor.schoolId ?? undefined) }] };
      }
    },
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
