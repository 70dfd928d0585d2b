import { uniqueViolation } from '../../db/unique-violation.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { FileStorage } from '../../storage/storage.js';
import type { AuditService } from '../audit/audit.service.js';
import type { BuiltFilesRepo } from './built-files.repo.js';

export interface BuiltFilesDeps {
  repo: BuiltFilesRepo;
  storage: FileStorage;
  audit: AuditService;
  jobs: JobQueue;
  now?: () => Date;
}

const SYSTEM = { type: 'system' as const, id: null };

/**
 * Erasure reaches the files built before it. A 学信网 export ZIP or a print-run PDF that holds a student who
 * has since deleted their data stops being served at once (status `purged`), its file is deleted from
 * storage, and the deletion is audited:
 * - an export is not rebuilt: the console offers to export again (a new export leaves the student out);
 * - a print run with orders of other students still to print (in production) is rendered again without
 *   the erased student; a run whose prints are all made is not (the prints exist, the PDF was only a
 *   copy of personal data). The console offers to rebuild it anyway, e.g. for a lost parcel.
 * Idempotent: each step is conditional, deleting a missing file is harmless, and a rebuilt file was
 * started after the erasure, so it is never picked again.
 */
export function createBuiltFilesService(deps: BuiltFilesDeps) {
  const now = deps.now ?? (() => new Date());

  async function requeue(runId: string, fileKey: string): Promise<boolean> {
    try {
      return await deps.repo.requeueRun(runId, fileKey);
    } catch (err) {
      // another run of the batch is being made: this one waits for the console's "rebuild"
      if (uniqueViolation(err) !== null) return false;
      throw err;
    }
  }

  return {
    /** Job: every stored file holding an erased student is deleted (a run still to print is rebuilt). */
    async purgeErased(): Promise<{ exports: number; printRuns: number; rebuilt: number }> {
      let exportsDeleted = 0;
      for (const e of await deps.repo.exportsHoldingErased()) {
        // not served from here on; then the file goes; then the key (a run that stops half-way resumes)
        await deps.repo.markExportPurged(e.id, now());
        await deps.storage.delete(e.fileKey);
        if (!(await deps.repo.clearExportFile(e.id, e.fileKey))) continue;
        exportsDeleted += 1;
        await deps.audit.record(SYSTEM, 'privacy.export_deleted', { type: 'export', id: e.id }, { erasedStudents: e.studentIds, fileKey: e.fileKey });
      }

      let runsDeleted = 0;
      let rebuilt = 0;
      for (const r of await deps.repo.runsHoldingErased()) {
        await deps.repo.markRunPurged(r.id, now());
        await deps.storage.delete(r.fileKey);
        const rebuild = r.ordersToPrint > 0 && (await requeue(r.id, r.fileKey));
        if (!rebuild && !(await deps.repo.clearRunFile(r.id, r.fileKey))) continue;
        if (rebuild) {
          await deps.jobs.send('prints.render', { runId: r.id });
          rebuilt += 1;
        }
        runsDeleted += 1;
        await deps.audit.record(SYSTEM, 'privacy.print_run_deleted', { type: 'print_run', id: r.id }, { erasedStudents: r.studentIds, fileKey: r.fileKey, ordersToPrint: r.ordersToPrint, rebuild });
      }
      return { exports: exportsDeleted, printRuns: runsDeleted, rebuilt };
    },
  };
}
export type BuiltFilesService = ReturnType<typeof createBuiltFilesService>;
