import type { StaffAccountView } from '@gradphoto/contracts/console-staff';
import type { StaffRole } from '@gradphoto/contracts/accounts';
import type { PasswordHasher } from '../../adapters/password-hasher.js';
import { bilingual as m, errors } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { auditActor, type StaffActor } from '../schools/school-scope.js';
import type { StaffAccountsRepo, StaffWithSchool } from './staff-accounts.repo.js';

export interface StaffAccountsDeps {
  repo: StaffAccountsRepo;
  hasher: PasswordHasher;
  audit: AuditService;
  /** Ends every session of a staff member (sessions service). */
  endSessions(staffId: string): Promise<void>;
}

export function toStaffAccountView(s: StaffWithSchool): StaffAccountView {
  return { id: s.id, username: s.username, name: s.name, role: s.role, schoolId: s.schoolId, schoolName: s.schoolName, disabled: s.disabled, createdAt: s.createdAt.toISOString() };
}

/** Staff accounts, managed by admins: centre staff have no school, a coordinator exactly one. */
export function createStaffAccountsService(deps: StaffAccountsDeps) {
  async function checkSchool(role: StaffRole, schoolId: string | null) {
    if (role === 'school_coordinator') {
      if (!schoolId) throw errors.validation('SCHOOL_REQUIRED', m('学校联络员必须属于一所学校', 'A school coordinator needs a school'), [{ path: 'schoolId', message: m('请选择学校', 'Choose a school') }]);
      if (!(await deps.repo.schoolExists(schoolId))) throw errors.validation('SCHOOL_UNKNOWN', m('找不到该学校', 'School not found'), [{ path: 'schoolId', message: m('找不到该学校', 'School not found') }]);
    } else if (schoolId) {
      throw errors.validation('SCHOOL_NOT_ALLOWED', m('中心人员不属于某所学校', 'Centre staff do not belong to a school'), [{ path: 'schoolId', message: m('应为空', 'Must be empty') }]);
    }
  }

  return {
    async list(_actor: StaffActor, query: { role?: StaffRole; schoolId?: string }) {
      return { items: (await deps.repo.list(query)).map(toStaffAccountView) };
    },

    async create(actor: StaffActor, input: { username: string; name: string; role: StaffRole; schoolId: string | null; password: string }) {
      await checkSchool(input.role, input.schoolId);
      const row = await deps.repo.insert({ username: input.username, name: input.name, role: input.role, schoolId: input.schoolId, passwordHash: await deps.hasher.hash(input.password) });
      if (!row) throw errors.conflict('USERNAME_TAKEN', m('该用户名已被使用', 'This username is taken'));
      await deps.audit.record(auditActor(actor), 'staff.create', { type: 'staff', id: row.id }, { username: row.username, role: row.role, schoolId: row.schoolId });
      return toStaffAccountView((await deps.repo.find(row.id))!);
    },

    async update(actor: StaffActor, id: string, input: { name?: string; role?: StaffRole; schoolId?: string | null; disabled?: boolean; password?: string }) {
      const current = await deps.repo.find(id);
      if (!current) throw errors.notFound(m('找不到该账号', 'Account not found'));
      if (id === actor.id && (input.disabled === true || (input.role && input.role !== 'admin'))) {
        throw errors.conflict('CANNOT_LOCK_SELF', m('不能停用自己的账号或取消自己的管理员权限', 'You cannot disable your own account or remove your own admin role'));
      }
      const role = input.role ?? current.role;
      const schoolId = input.schoolId !== undefined ? input.schoolId : role === 'school_coordinator' ? current.schoolId : null;
      await checkSchool(role, schoolId);
      await deps.repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        role,
        schoolId,
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(input.password ? { passwordHash: await deps.hasher.hash(input.password) } : {}),
      });
      // a changed password, role, school or a disabled account takes effect at once
      if (input.password || input.disabled || role !== current.role || schoolId !== current.schoolId) await deps.endSessions(id);
      const changes = { ...input, ...(input.password ? { password: '(changed)' } : {}) };
      await deps.audit.record(auditActor(actor), 'staff.update', { type: 'staff', id }, { changes });
      return toStaffAccountView((await deps.repo.find(id))!);
    },
  };
}
export type StaffAccountsService = ReturnType<typeof createStaffAccountsService>;
