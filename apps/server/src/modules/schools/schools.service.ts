import type { SchoolInput, SchoolListResponse, SchoolUpdate, SchoolView } from '@gradphoto/contracts/console-batches';
import { bilingual as m, errors } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { assertSchoolScope, auditActor, scopedSchoolId, type StaffActor } from './school-scope.js';
import type { SchoolRow, SchoolsRepo } from './schools.repo.js';
import { uniqueViolation } from '../../db/unique-violation.js';

type SchoolFields = { name: string; code: string; region: string };

const codeTaken = () =>
  errors.conflict('SCHOOL_CODE_TAKEN', m('该学校代码已存在', 'A school with this code already exists'));

export function toSchoolView(s: SchoolRow, batchCount: number): SchoolView {
  return { id: s.id, name: s.name, code: s.code, region: s.region, batchCount, createdAt: s.createdAt.toISOString() };
}

/** Schools: created and edited by the centre's admins; a coordinator sees only their own. */
export function createSchoolsService(deps: { repo: SchoolsRepo; audit: AuditService }) {
  const save = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (uniqueViolation(err) !== null) throw codeTaken();
      throw err;
    }
  };

  async function get(actor: StaffActor, id: string): Promise<SchoolView> {
    assertSchoolScope(actor, id);
    const { rows } = await deps.repo.listSchools({ onlyId: id, limit: 1, offset: 0 });
    if (!rows[0]) throw errors.notFound(m('找不到该学校', 'School not found'));
    return toSchoolView(rows[0], rows[0].batchCount);
  }

  return {
    get,

    async list(actor: StaffActor, query: { q?: string; page: number; pageSize: number }): Promise<SchoolListResponse> {
      const { rows, total } = await deps.repo.listSchools({ q: query.q, onlyId: scopedSchoolId(actor), limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      return { items: rows.map((r) => toSchoolView(r, r.batchCount)), total, page: query.page, pageSize: query.pageSize };
    },

    async create(actor: StaffActor, input: SchoolFields): Promise<SchoolView> {
      const centreId = await deps.repo.firstCentreId();
      const school = await save(() => deps.repo.insertSchool({ ...input, centreId }));
      await deps.audit.record(auditActor(actor), 'school.create', { type: 'school', id: school.id }, { name: school.name, code: school.code });
      return toSchoolView(school, 0);
    },

    async update(actor: StaffActor, id: string, input: Partial<SchoolFields>): Promise<SchoolView> {
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
      const school = Object.keys(changes).length ? await save(() => deps.repo.updateSchool(id, changes)) : await deps.repo.school(id);
      if (!school) throw errors.notFound(m('找不到该学校', 'School not found'));
      await deps.audit.record(auditActor(actor), 'school.update', { type: 'school', id }, { changes });
      return get(actor, id);
    },
  };
}
export type SchoolsService = ReturnType<typeof createSchoolsService>;
export type { SchoolInput, SchoolUpdate };
