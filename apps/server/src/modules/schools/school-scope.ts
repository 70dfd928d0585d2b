import type { StaffRole } from '@gradphoto/contracts/accounts';
import { bilingual as m, errors } from '../../errors.js';
import type { AuditActor } from '../audit/audit.service.js';

/** A logged-in staff member acting in the console, with the request's address for the audit log. */
export interface StaffActor {
  id: string;
  role: StaffRole;
  /** A school coordinator's school; null for centre staff. */
  schoolId: string | null;
  ip: string;
}

/** Roles of console routes (an admin can do everything). */
export const ADMIN = ['admin'] as const;
export const ADMIN_OR_COORDINATOR = ['admin', 'school_coordinator'] as const;
export const ANY_STAFF = ['admin', 'reviewer', 'school_coordinator'] as const;

/** Centre staff see every school; a coordinator only their own. */
export function canSeeSchool(actor: Pick<StaffActor, 'role' | 'schoolId'>, schoolId: string): boolean {
  return actor.role !== 'school_coordinator' || (actor.schoolId !== null && actor.schoolId === schoolId);
}

export function assertSchoolScope(actor: Pick<StaffActor, 'role' | 'schoolId'>, schoolId: string): void {
  if (!canSeeSchool(actor, schoolId)) throw errors.forbidden(m('只能查看和管理本校的数据', 'You can only see and manage your own school'));
}

/** The school a coordinator is limited to (undefined for centre staff: every school). */
export function scopedSchoolId(actor: Pick<StaffActor, 'role' | 'schoolId'>): string | undefined {
  if (actor.role !== 'school_coordinator') return undefined;
  // a coordinator without a school sees nothing: an id no school has
  return actor.schoolId ?? '00000000-0000-0000-0000-000000000000';
}

export const auditActor = (actor: StaffActor): AuditActor => ({ type: 'staff', id: actor.id, ip: actor.ip });
