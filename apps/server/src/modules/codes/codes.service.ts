import type { CodeListResponse, CodeView } from '@gradphoto/contracts/console-codes';
import { bilingual as m, errors } from '../../errors.js';
import { chinaDate } from '../../lib/china-time.js';
import type { AuditService } from '../audit/audit.service.js';
import type { BatchWithSchool } from '../batches/batches.repo.js';
import { generateCodeToken } from '../collections/collection-codes.service.js';
import { assertSchoolScope, auditActor, type StaffActor } from '../schools/school-scope.js';
import type { CodeKind, CodeWithGraduate, CodesRepo } from './codes.repo.js';

export interface QrLabel {
  payload: string;
  lines: string[];
}

export interface CodesDeps {
  repo: CodesRepo;
  /** Loads a batch after checking the actor's school scope (batches service). */
  batch(actor: StaffActor, batchId: string): Promise<BatchWithSchool>;
  audit: AuditService;
  /** The QR sheet adapter (adapters/qr-sheet.ts). */
  renderSheet(labels: QrLabel[], footer: string): Promise<Buffer>;
  /** Public address of the student app: QR codes hold `<publicUrl>/c/<token>`, or the bare token without one. */
  publicUrl?: string;
  now?: () => Date;
}

/** Labels per PDF: 100 A4 pages. Larger sets are printed in parts. */
export const SHEET_PART_SIZE = 2400;

export function codeView(r: CodeWithGraduate): CodeView {
  const blank = r.code.graduateId === null || r.graduate?.source === 'code';
  return {
    id: r.code.id,
    token: r.code.token,
    batchId: r.code.batchId,
    kind: blank ? 'blank' : 'graduate',
    status: r.code.status,
    graduate: r.graduate ? { id: r.graduate.id, name: r.graduate.name, studentNumber: r.graduate.studentNumber } : null,
    createdAt: r.code.createdAt.toISOString(),
    usedAt: r.code.usedAt?.toISOString() ?? null,
    revokedAt: r.code.revokedAt?.toISOString() ?? null,
  };
}

/** 图像采集码 in the console: issue per graduate or as blank invitations, list, revoke, print QR sheets. */
export function createCodesService(deps: CodesDeps) {
  const now = deps.now ?? (() => new Date());
  const payload = (token: string) => (deps.publicUrl ? `${deps.publicUrl.replace(/\/+$/, '')}/c/${token}` : token);

  return {
    payload,

    async issueForGraduates(actor: StaffActor, batchId: string, input: { all: true } | { graduateIds: string[] }) {
      const batch = await deps.batch(actor, batchId);
      const requested = 'graduateIds' in input ? [...new Set(input.graduateIds)] : undefined;
      const ids = await deps.repo.graduatesNeedingCodes(batch.id, requested);
      const issued = await deps.repo.insertCodes(ids.map((graduateId) => ({ token: generateCodeToken(), batchId: batch.id, graduateId })));
      const skipped = requested ? requested.length - issued : ids.length - issued;
      await deps.audit.record(auditActor(actor), 'codes.issue', { type: 'batch', id: batch.id }, { issued, skipped, selected: requested?.length ?? null });
      return { issued, skipped };
    },

    async issueBlank(actor: StaffActor, batchId: string, count: number) {
      const batch = await deps.batch(actor, batchId);
      const issued = await deps.repo.insertCodes(Array.from({ length: count }, () => ({ token: generateCodeToken(), batchId: batch.id })));
      await deps.audit.record(auditActor(actor), 'codes.issue_blank', { type: 'batch', id: batch.id }, { issued });
      return { issued, skipped: count - issued };
    },

    async list(actor: StaffActor, batchId: string, query: { status?: CodeView['status']; kind?: CodeKind; page: number; pageSize: number }): Promise<CodeListResponse> {
      await deps.batch(actor, batchId);
      const { rows, total } = await deps.repo.list(batchId, { status: query.status, kind: query.kind, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      return { items: rows.map(codeView), total, page: query.page, pageSize: query.pageSize };
    },

    async revoke(actor: StaffActor, codeId: string) {
      const found = await deps.repo.code(codeId);
      if (!found) throw errors.notFound(m('找不到该采集码', 'Code not found'));
      assertSchoolScope(actor, found.schoolId);
      const revoked = await deps.repo.revoke(codeId);
      if (!revoked) throw errors.conflict('CODE_NOT_ACTIVE', m('该采集码已使用或已作废', 'The code is already used or revoked'));
      await deps.audit.record(auditActor(actor), 'code.revoke', { type: 'collection_code', id: codeId }, { batchId: found.code.batchId });
      return { ok: true as const };
    },

    /** A PDF of QR labels for a batch or a whole school (active codes only), in parts of 2,400 labels. */
    async sheet(actor: StaffActor, scope: { batchId: string } | { schoolId: string }, query: { kind?: CodeKind; since?: string; part?: number }) {
      let title: string;
      if ('batchId' in scope) {
        const b = await deps.batch(actor, scope.batchId);
        title = `${b.schoolName} · ${b.name}`;
      } else {
        assertSchoolScope(actor, scope.schoolId);
        const name = await deps.repo.schoolName(scope.schoolId);
        if (!name) throw errors.notFound(m('找不到该学校', 'School not found'));
        title = `${name} · 全部批次`;
      }
      const part = query.part ?? 1;
      const { rows: codes, total } = await deps.repo.forSheet(
        scope,
        { kind: query.kind, since: query.since ? new Date(query.since) : undefined },
        { limit: SHEET_PART_SIZE, offset: (part - 1) * SHEET_PART_SIZE },
      );
      if (total === 0) throw errors.notFound(m('没有可打印的有效采集码', 'There are no active codes to print'));
      const parts = Math.ceil(total / SHEET_PART_SIZE);
      if (part > parts) throw errors.validation('PART_OUT_OF_RANGE', m(`只有 ${parts} 份`, `There are only ${parts} parts`), [{ path: 'part', message: m(`1–${parts}`, `1–${parts}`) }]);
      const labels = codes.map((c) => ({
        payload: payload(c.token),
        lines: c.blank
          ? ['空白邀请码', '扫码后填写学历信息', `特征码 ${c.featureCode}`, c.batchName]
          : [c.graduateName ?? '', `学号 ${c.studentNumber || '—'}`, `特征码 ${c.featureCode}`, c.batchName],
      }));
      const date = chinaDate(now());
      const footer = `${title} · 图像采集码 · ${date}${parts > 1 ? ` · 第 ${part}/${parts} 份` : ''}`;
      const bytes = await deps.renderSheet(labels, footer);
      await deps.audit.record(auditActor(actor), 'codes.print', 'batchId' in scope ? { type: 'batch', id: scope.batchId } : { type: 'school', id: scope.schoolId }, { labels: labels.length, part, parts });
      return {
        file: { bytes, filename: `图像采集码-${title.replace(/ · /g, '-')}${parts > 1 ? `-${part}` : ''}.pdf`, contentType: 'application/pdf' },
        parts,
      };
    },
  };
}
export type CodesService = ReturnType<typeof createCodesService>;
