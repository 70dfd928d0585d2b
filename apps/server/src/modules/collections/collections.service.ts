import type { BatchSummary, GraduatePreview } from '@gradphoto/contracts/journey';
import { maskIdNumber, validateIdNumber, validatePassportNumber } from '@gradphoto/contracts/id-number';
import { bilingual as m, errors } from '../../errors.js';
import { uniqueViolation } from '../../db/unique-violation.js';
import type { IdCrypto } from '../../lib/id-crypto.js';
import type { CollectionCodeResolver } from './collection-code-resolver.js';
import type { BatchWithSchool, CollectionsRepo, GraduateRow } from './collections.repo.js';

export interface GraduateFormInput {
  name: string;
  studentNumber: string;
  idNumber: string;
  schoolName?: string;
  department: string;
  major: string;
  educationLevel: string;
  educationCategory: string;
  email: string;
  phone: string;
}

export type IdentifyInput =
  | { method: 'code'; code: string; form?: GraduateFormInput; batchId: string; idLast4: string }
  | { method: 'roster'; batchId: string; idLast4: string }
  | { method: 'form'; form: GraduateFormInput; batchId: string; idLast4: string };

export interface CollectionsDeps {
  repo: CollectionsRepo;
  idCrypto: IdCrypto;
  resolver: CollectionCodeResolver;
  /** The student's own ID-number lookup hash (for roster matching). */
  studentIdHash(studentId: string): Promise<string | undefined>;
  now?: () => Date;
}

const notMatching = () =>
  errors.validation('LAST4_MISMATCH', m('证件号后 4 位与学历信息不符', 'The last 4 characters do not match the graduate record'), [
    { path: 'idLast4', message: m('与学历信息不符', 'Does not match the record') },
  ]);

export function toBatchSummary(b: BatchWithSchool): BatchSummary {
  return {
    id: b.id,
    name: b.name,
    schoolName: b.schoolName,
    mode: b.mode,
    payer: b.payer,
    priceNoPrintsCents: b.priceNoPrintsCents,
    priceWithPrintsCents: b.priceWithPrintsCents,
    capturePolicy: b.capturePolicy,
    hasRoster: b.hasRoster,
    specId: b.specId,
    background: b.background,
    closesAt: b.closesAt?.toISOString() ?? null,
  };
}

/** Adding a 学历: find the batch, identify the graduate (QR code, roster or form), confirm. */
export function createCollectionsService(deps: CollectionsDeps) {
  const now = deps.now ?? (() => new Date());

  function preview(g: GraduateRow | null, schoolName: string, form?: GraduateFormInput): GraduatePreview {
    if (!g && !form) {
      return { name: '', studentNumber: '', idNumberMasked: '', schoolName, department: '', major: '', educationLevel: '', educationCategory: '', email: '', phone: '', needsForm: true };
    }
    const src = g
      ? { ...g, idNumber: deps.idCrypto.decrypt(g.idNumberEnc) }
      : { ...form!, idNumber: form!.idNumber };
    return {
      name: src.name,
      studentNumber: src.studentNumber,
      idNumberMasked: maskIdNumber(src.idNumber),
      schoolName,
      department: src.department,
      major: src.major,
      educationLevel: src.educationLevel,
      educationCategory: src.educationCategory,
      email: src.email,
      phone: src.phone,
      needsForm: false,
    };
  }

  async function openBatch(batchId: string) {
    const batch = await deps.repo.batch(batchId);
    if (!batch) throw errors.notFound(m('找不到该采集批次', 'Batch not found'));
    const t = now();
    if ((batch.opensAt && batch.opensAt > t) || (batch.closesAt && batch.closesAt < t)) {
      throw errors.conflict('BATCH_CLOSED', m('该批次不在采集时间内', 'This batch is not open for collection now'));
    }
    return batch;
  }

  function checkForm(form: GraduateFormInput, idLast4: string) {
    const id = form.idNumber;
    const validId = /^\d{17}[\dX]$/.test(id) ? validateIdNumber(id) === null : validatePassportNumber(id);
    if (!validId) throw errors.validation('ID_NUMBER_INVALID', m('证件号无效', 'The ID number is not valid'), [{ path: 'form.idNumber', message: m('证件号无效', 'Invalid ID number') }]);
    if (id.slice(-4) !== idLast4) throw notMatching();
  }

  /** Resolves who the graduate is, without changing anything. */
  async function resolve(studentId: string, input: IdentifyInput) {
    const batch = await openBatch(input.batchId);
    switch (input.method) {
      case 'code': {
        const code = await deps.resolver.resolve(input.code);
        if (!code || (code.batchId && code.batchId !== batch.id)) {
          throw errors.validation('CODE_UNKNOWN', m('无法识别该图像采集码，请确认二维码是否属于本批次', 'This collection code is not recognised for this batch'));
        }
        if (code.status === 'revoked') throw errors.conflict('CODE_REVOKED', m('该图像采集码已作废，请联系学校', 'This collection code has been revoked; contact your school'));
        if (code.status === 'used') throw errors.conflict('CODE_USED', m('该图像采集码已被使用', 'This collection code has already been used'));
        if (code.graduate) {
          if (code.graduate.idLast4 !== input.idLast4) throw notMatching();
          return { batch, graduate: code.graduate, codeId: code.codeId ?? undefined, form: undefined };
        }
        if (input.form) checkForm(input.form, input.idLast4);
        return { batch, graduate: null, codeId: code.codeId ?? undefined, form: input.form };
      }
      case 'roster': {
        if (!batch.hasRoster) throw errors.conflict('NO_ROSTER', m('该批次没有学校名单，请扫码或填写信息', 'This batch has no roster; scan your code or fill in the form'));
        const hash = await deps.studentIdHash(studentId);
        const g = hash ? await deps.repo.rosterGraduate(batch.id, hash) : undefined;
        if (!g) throw errors.notFound(m('名单中没有找到您的学历信息，请扫码或填写信息', 'You are not on the roster; scan your code or fill in the form'));
        if (g.idLast4 !== input.idLast4) throw notMatching();
        return { batch, graduate: g, codeId: undefined, form: undefined };
      }
      case 'form': {
        checkForm(input.form, input.idLast4);
        const existing = await deps.repo.graduateByHash(batch.id, deps.idCrypto.lookupHash(input.form.idNumber));
        return { batch, graduate: existing ?? null, codeId: undefined, form: existing ? undefined : input.form };
      }
    }
  }

  return {
    async findBatches(input: { mode: 'centralized'; featureCode: string } | { mode: 'scattered'; regionCode: string }) {
      const found = input.mode === 'centralized' ? await deps.repo.batchByFeatureCode(input.featureCode) : await deps.repo.batchesByRegion(input.regionCode);
      if (found.length === 0) throw errors.notFound(m('没有找到对应的采集批次，请核对特征码', 'No batch found; please check the code'));
      return { batches: found.map(toBatchSummary) };
    },

    async identify(studentId: string, input: IdentifyInput) {
      const r = await resolve(studentId, input);
      return { graduate: preview(r.graduate, r.batch.schoolName, r.form) };
    },

    async create(studentId: string, input: IdentifyInput & { identity: 'freshman' | 'graduate' }) {
      const r = await resolve(studentId, input);
      if (!r.graduate && !r.form) throw errors.validation('FORM_REQUIRED', m('请先填写学历信息', 'Please fill in the graduate details first'));
      if (r.graduate) {
        const claimed = await deps.repo.collectionByGraduate(r.graduate.id);
        if (claimed) {
          throw claimed.studentId === studentId
            ? errors.conflict('ALREADY_ADDED', m('您已添加过该学历', 'You have already added this record'))
            : errors.conflict('ALREADY_CLAIMED', m('该学历已被其他账号认领，请联系采集中心', 'Another account has claimed this record; contact the centre'));
        }
      }
      const f = r.form;
      const created = await deps.repo.createCollection({
        studentId,
        batchId: r.batch.id,
        identity: input.identity,
        graduateId: r.graduate?.id,
        codeId: r.codeId,
        newGraduate: f
          ? {
              batchId: r.batch.id,
              source: r.codeId ? 'code' : 'form',
              name: f.name,
              studentNumber: f.studentNumber,
              idNumberEnc: deps.idCrypto.encrypt(f.idNumber),
              idNumberHash: deps.idCrypto.lookupHash(f.idNumber),
              idLast4: f.idNumber.slice(-4),
              department: f.department,
              major: f.major,
              educationLevel: f.educationLevel,
              educationCategory: f.educationCategory,
              email: f.email,
              phone: f.phone,
            }
          : undefined,
      }).catch((err: unknown) => {
        if (uniqueViolation(err) !== null) {
          throw errors.conflict('ALREADY_CLAIMED', m('该学历已被认领', 'This record has already been claimed'));
        }
        throw err;
      });
      if (!created) throw errors.conflict('CODE_USED', m('该图像采集码已被使用', 'This collection code has already been used'));
      return created;
    },

    preview,
  };
}
export type CollectionsService = ReturnType<typeof createCollectionsService>;
