import { randomInt } from 'node:crypto';
import { bilingual as m, errors } from '../../errors.js';
import { LOCAL_CODE_PREFIX } from './collection-code-resolver.js';
import type { CollectionsRepo } from './collections.repo.js';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** An opaque token: it names a code row and carries no personal data. */
export function generateCodeToken(): string {
  return LOCAL_CODE_PREFIX + Array.from({ length: 22 }, () => BASE58[randomInt(0, BASE58.length)]).join('');
}

/** 图像采集码 issued by this system: per graduate, or blank invitations; revocable. */
export function createCollectionCodesService(deps: { repo: CollectionsRepo }) {
  return {
    async issueForGraduate(graduateId: string) {
      const g = await deps.repo.graduate(graduateId);
      if (!g) throw errors.notFound(m('找不到该毕业生', 'Graduate not found'));
      return deps.repo.insertCode({ token: generateCodeToken(), batchId: g.batchId, graduateId: g.id });
    },
    async issueBlank(batchId: string, count: number) {
      if (!(await deps.repo.batch(batchId))) throw errors.notFound(m('找不到该采集批次', 'Batch not found'));
      const codes = [];
      for (let i = 0; i < count; i++) codes.push(await deps.repo.insertCode({ token: generateCodeToken(), batchId }));
      return codes;
    },
    async revoke(codeId: string) {
      if (!(await deps.repo.revokeCode(codeId))) throw errors.conflict('CODE_NOT_ACTIVE', m('该采集码已使用或已作废', 'The code is already used or revoked'));
    },
    listForBatch: (batchId: string) => deps.repo.codesForBatch(batchId),
  };
}
export type CollectionCodesService = ReturnType<typeof createCollectionCodesService>;
