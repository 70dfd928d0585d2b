import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Col, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { StaffProfile } from '@gradphoto/contracts/accounts';
import type { RejectRequest, ReviewItem } from '@gradphoto/contracts/console-reviews';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { approve, claimNext, heartbeat, reject, release, undo } from '../api/reviews.js';
import { ReviewItemView } from '../components/ReviewItemView.js';
import { DecisionPanel } from '../components/DecisionPanel.js';

interface LastDecision {
  submissionId: string;
  name: string;
  decision: 'approved' | 'rejected';
  undoUntil: number;
}

/**
 * The review queue (the first tab of ReviewsPage): claim the next photo, look at the original beside the result and the engine's
 * verdicts, approve or reject with a reason; the claim is kept alive by a heartbeat and released on leave.
 */
export function ReviewPage({
  staff,
  onAuthError,
}: {
  staff: StaffProfile;
  onAuthError: (status: 401 | 403) => void;
}) {
  const { t, errorText } = useLang('console-review');
  const { message } = App.useApp();
  const [item, setItem] = useState<ReviewItem | null>(null);
  const [pending, setPending] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<LastDecision | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const skipped = useRef<string[]>([]);
  const current = useRef<string | null>(null);

  const fail = (e: unknown) => {
    if (isApiError(e) && (e.status === 401 || e.status === 403)) onAuthError(e.status);
    else void message.error(errorText(e));
  };
  // the latest `fail` for the stable callbacks below (useLang's helpers change identity every render)
  const failRef = useRef(fail);
  useEffect(() => {
    failRef.current = fail;
  });

  const next = useCallback(async (skip: string[] = []) => {
    try {
      const r = await claimNext(skip);
      setItem(r.item);
      setPending(r.pending);
      current.current = r.item?.submission.id ?? null;
    } catch (e) {
      failRef.current(e);
    } finally {
      setLoaded(true);
    }
  }, []);

  useEffect(() => {
    void next();
    return () => {
      if (current.current) void release(current.current).catch(() => undefined);
    };
  }, [next]);

  // keep the claim alive while the photo is on screen
  const itemId = item?.submission.id;
  const claimExpiresAt = item?.claimExpiresAt;
  useEffect(() => {
    if (!itemId || !claimExpiresAt) return;
    // renew at a third of the claim's life (the server's REVIEW_CLAIM_TTL_SECONDS), between 5 and 45 s
    const every = Math.min(45_000, Math.max(5_000, (Date.parse(claimExpiresAt) - Date.now()) / 3));
    const timer = setInterval(() => {
      heartbeat(itemId).catch((e: unknown) => {
        failRef.current(e);
        void next();
      });
    }, every);
    return () => clearInterval(timer);
  }, [itemId, claimExpiresAt, next]);

  useEffect(() => {
    if (!last) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [last]);

  const decide = async (decision: 'approved' | 'rejected', body?: RejectRequest) => {
    if (!item || busy) return;
    setBusy(true);
    try {
      const id = item.submission.id;
      const r = decision === 'approved' ? await approve(id) : await reject(id, body!);
      setLast({ submissionId: id, name: item.graduate.name, decision, undoUntil: Date.parse(r.undoUntil) });
      setNow(Date.now());
      void message.success(
        t(decision === 'approved' ? 'done.approved' : 'done.rejected', { name: item.graduate.name }),
      );
      current.current = null;
      await next(skipped.current);
    } catch (e) {
      fail(e);
      await next(skipped.current);
    } finally {
      setBusy(false);
    }
  };

  const skip = async () => {
    if (!item || busy) return;
    setBusy(true);
    skipped.current = [...skipped.current, item.submission.id].slice(-200);
    current.current = null;
    await next(skipped.current);
    setBusy(false);
  };

  const takeBack = async () => {
    if (!last) return;
    setBusy(true);
    try {
      if (current.current) await release(current.current).catch(() => undefined);
      const r = await undo(last.submissionId);
      setItem(r.item);
      current.current = r.item.submission.id;
      setLast(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const undoLeft = last ? Math.max(0, Math.ceil((last.undoUntil - now) / 1000)) : 0;

  return (
    <div data-testid="review-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Text type="secondary" data-testid="review-pending">
          {t('pending', { n: pending })} · {staff.name || staff.username}
        </Typography.Text>
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void next(skipped.current)}
          disabled={busy}
          data-testid="review-refresh"
        >
          {t('refresh')}
        </Button>
      </Space>
      {last && undoLeft > 0 && (
        <Alert
          style={{ marginBottom: 16 }}
          type={last.decision === 'approved' ? 'success' : 'warning'}
          showIcon
          title={t(last.decision === 'approved' ? 'done.approved' : 'done.rejected', { name: last.name })}
          action={
            <Button size="small" onClick={() => void takeBack()} disabled={busy} data-testid="undo">
              {t('undo', { s: undoLeft })}
            </Button>
          }
        />
      )}
      {!loaded ? (
        <Skeleton active />
      ) : item ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xxl={18} xl={17}>
            <ReviewItemView item={item} />
          </Col>
          <Col xs={24} xxl={6} xl={7}>
            <DecisionPanel
              key={item.submission.id}
              busy={busy}
              onApprove={() => void decide('approved')}
              onReject={(r) => void decide('rejected', r)}
              onSkip={() => void skip()}
            />
          </Col>
        </Row>
      ) : (
        <Empty description={t('empty')} data-testid="review-empty">
          <Button type="primary" onClick={() => void next([])} icon={<ReloadOutlined />}>
            {t('refresh')}
          </Button>
        </Empty>
      )}
    </div>
  );
}
