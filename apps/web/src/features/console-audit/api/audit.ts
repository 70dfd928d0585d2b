import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditListResponse } from '@gradphoto/contracts/console-audit';
import { api } from '../../../lib/api-client.js';
import { withQuery } from '../../../components/console/download.js';

export interface AuditParams {
  actorType?: 'student' | 'staff' | 'system';
  /** A staff username, or any actor's id. */
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function useAudit(p: AuditParams) {
  return useQuery({
    queryKey: ['console', 'audit', p],
    queryFn: () => api.get<AuditListResponse>(withQuery('/api/console/audit', { ...p })),
    placeholderData: keepPreviousData,
  });
}

/** Actions the server records, offered as suggestions (any exact action or `prefix.*` works). */
export const KNOWN_ACTIONS: readonly string[] = `
  graduate.id_number.view
  order.search_by_id_number
  order.refund
  order.refund_request.decline
  order.ship
  order.ship_import
  order.labels_export
  roster.import
  roster.export
  codes.issue
  codes.issue_blank
  codes.print
  code.revoke
  school.create
  school.update
  batch.create
  batch.update
  print_run.create
  print_run.download
  export.create
  export.download
  progress.export
  submission.undo
  staff.create
  staff.update
  student.erased
  privacy.originals_deleted
  privacy.export_deleted
  privacy.print_run_deleted
`
  .trim()
  .split(/\s+/);
