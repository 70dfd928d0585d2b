import type { BatchListResponse, BatchOptionsResponse, BatchView } from '@gradphoto/contracts/console-batches';
import { BACKGROUND_PRESETS, getSpec, listSpecs, parseHexColor, normalizeHexColor } from '@gradphoto/photo/specs';
import { bilingual as m, errors, type Bilingual } from '../../errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { generateFeatureCode } from '../schools/feature-code.js';
import { assertSchoolScope, auditActor, scopedSchoolId, type StaffActor } from '../schools/school-scope.js';
import type { SchoolsRepo } from '../schools/schools.repo.js';
import { uniqueViolation } from '../../db/unique-violation.js';
import type { BatchWithSchool, BatchesRepo } from './batches.repo.js';

export interface BatchFields {
  name: string;
  mode: 'centralized' | 'scattered';
  regionCode: string;
  priceNoPrintsCents: number;
  priceWithPrintsCents: number;
  payer: 'student' | 'school';
  specId: string;
  background: string;
  capturePolicy: 'live_only' | 'album_allowed';
  opensAt: string | null;
  closesAt: string | null;
}

export interface BatchesDeps {
  repo: BatchesRepo;
  schools: SchoolsRepo;
  audit: AuditService;
  /** Injectable for tests (collisions). */
  featureCode?: () => string;
  now?: () => Date;
}

const FEATURE_CODE_ATTEMPTS = 20;

export function batchWindow(b: { opensAt: Date | null; closesAt: Date | null }, now: Date): BatchView['window'] {
  if (b.opensAt && b.opensAt > now) return 'upcoming';
  if (b.closesAt && b.closesAt < now) return 'closed';
  return 'open';
}

export function toBatchView(b: BatchWithSchool, now: Date): BatchView {
  return {
    id: b.id,
    schoolId: b.schoolId,
    schoolName: b.schoolName,
    name: b.name,
    mode: b.mode,
    featureCode: b.featureCode,
    regionCode: b.regionCode,
    priceNoPrintsCents: b.priceNoPrintsCents,
    priceWithPrintsCents: b.priceWithPrintsCents,
    payer: b.payer,
    specId: b.specId,
    background: b.background,
    capturePolicy: b.capturePolicy,
    hasRoster: b.hasRoster,
    opensAt: b.opensAt?.toISOString() ?? null,
    closesAt: b.closesAt?.toISOString() ?? null,
    window: batchWindow(b, now),
    createdAt: b.createdAt.toISOString(),
  };
}

/** Checks the rules across fields; returns the row values (background normalised, dates parsed). */
function validated(f: BatchFields) {
  const problems: Array<{ path: string; message: Bilingual }> = [];
  let spec: ReturnType<typeof getSpec> | undefined;
  try {
    spec = getSpec(f.specId);
  } catch {
    problems.push({ path: 'specId', message: m('没有这个照片规格', 'Unknown photo spec') });
  }
  let background = f.background;
  if (!parseHexColor(f.background)) {
    problems.push({ path: 'background', message: m('背景色应为 #RRGGBB', 'The background must be #RRGGBB') });
  } else {
    background = normalizeHexColor(f.background);
    const allowed = new Set([...(spec?.backgrounds ?? []), ...BACKGROUND_PRESETS.map((p) => p.hex)]);
    if (spec && !allowed.has(background)) {
      problems.push({ path: 'background', message: m('该规格不支持这个背景色', 'This background colour is not offered for the spec') });
    }
  }
  if (f.mode === 'scattered' && !f.regionCode) {
    problems.push({ path: 'regionCode', message: m('散排采集需要地区代码', 'A scattered batch needs a region code') });
  }
  if (f.priceWithPrintsCents < f.priceNoPrintsCents) {
    problems.push({ path: 'priceWithPrintsCents', message: m('含冲印的价格不能低于不含冲印的价格', 'The price with prints cannot be below the price without') });
  }
  const opensAt = f.opensAt ? new Date(f.opensAt) : null;
  const closesAt = f.closesAt ? new Date(f.closesAt) : null;
  if (opensAt && closesAt && opensAt >= closesAt) {
    problems.push({ path: 'closesAt', message: m('结束时间必须晚于开始时间', 'The close date must be after the open date') });
  }
  if (problems.length) throw errors.validation('VALIDATION', m('批次信息有误，请检查', 'Some batch fields are not valid'), problems);
  return { ...f, background, opensAt, closesAt };
}

/** Collection batches of a school: 集中/散排, 特征码, prices, payer, spec, capture policy and window. */
export function createBatchesService(deps: BatchesDeps) {
  const now = deps.now ?? (() => new Date());
  const nextCode = deps.featureCode ?? generateFeatureCode;

  async function load(actor: StaffActor, id: string) {
    const b = await deps.repo.batch(id);
    if (!b) throw errors.notFound(m('找不到该采集批次', 'Batch not found'));
    assertSchoolScope(actor, b.schoolId);
    return b;
  }

  return {
    /** The batch, after the scope check (other modules use it to scope their own routes). */
    load,

    async get(actor: StaffActor, id: string): Promise<BatchView> {
      return toBatchView(await load(actor, id), now());
    },

    async list(actor: StaffActor, query: { schoolId?: string; q?: string; page: number; pageSize: number }): Promise<BatchListResponse> {
      if (query.schoolId) assertSchoolScope(actor, query.schoolId);
      const schoolId = scopedSchoolId(actor) ?? query.schoolId;
      const { rows, total } = await deps.repo.list({ schoolId, q: query.q, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      const t = now();
      return { items: rows.map((b) => toBatchView(b, t)), total, page: query.page, pageSize: query.pageSize };
    },

    options(): BatchOptionsResponse {
      return {
        specs: listSpecs().map((s) => ({ id: s.id, name: s.name, width: s.width, height: s.height, backgrounds: s.backgrounds })),
        backgrounds: BACKGROUND_PRESETS.map((p) => ({ id: p.id, hex: p.hex, name: p.name })),
      };
    },

    async create(actor: StaffActor, input: BatchFields & { schoolId: string }): Promise<BatchView> {
      const school = await deps.schools.school(input.schoolId);
      if (!school) throw errors.validation('SCHOOL_UNKNOWN', m('找不到该学校', 'School not found'), [{ path: 'schoolId', message: m('找不到该学校', 'School not found') }]);
      const { schoolId, ...fields } = input;
      const row = validated(fields);
      // a fresh 特征码 per attempt: the unique index decides, so two creations never share one
      for (let attempt = 1; ; attempt++) {
        try {
          const b = await deps.repo.insert({ ...row, schoolId, featureCode: nextCode() });
          await deps.audit.record(auditActor(actor), 'batch.create', { type: 'batch', id: b.id }, { name: b.name, featureCode: b.featureCode, schoolId });
          return toBatchView({ ...b, schoolName: school.name }, now());
        } catch (err) {
          if (uniqueViolation(err) === null || attempt >= FEATURE_CODE_ATTEMPTS) throw err;
        }
      }
    },

    async update(actor: StaffActor, id: string, input: Partial<BatchFields>): Promise<BatchView> {
      const current = await load(actor, id);
      const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<BatchFields>;
      const merged: BatchFields = {
        name: current.name,
        mode: current.mode,
        regionCode: current.regionCode,
        priceNoPrintsCents: current.priceNoPrintsCents,
        priceWithPrintsCents: current.priceWithPrintsCents,
        payer: current.payer,
        specId: current.specId,
        background: current.background,
        capturePolicy: current.capturePolicy,
        opensAt: current.opensAt?.toISOString() ?? null,
        closesAt: current.closesAt?.toISOString() ?? null,
        ...changes,
      };
      const row = validated(merged);
      const updated = await deps.repo.update(id, row);
      if (!updated) throw errors.notFound(m('找不到该采集批次', 'Batch not found'));
      await deps.audit.record(auditActor(actor), 'batch.update', { type: 'batch', id }, { changes });
      return toBatchView({ ...updated, schoolName: current.schoolName }, now());
    },
  };
}
export type BatchesService = ReturnType<typeof createBatchesService>;
