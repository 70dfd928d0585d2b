import { useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { Button, ErrorBlock, SpinLoading } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useLang } from '../../../lib/i18n.js';
import { FlowShell } from '../../../components/student/FlowShell.js';
import { FormError } from '../../../components/student/FormError.js';
import { collectionKey, submissionKey, submitPhoto, useSubmission } from '../api/photo.js';
import { ProcessingView } from '../components/ProcessingView.js';
import { ResultView } from '../components/ResultView.js';
import '../components/photo.css';

/** `/collections/:id/photo/:submissionId`: processing, then the result with retake / submit. */
export function PhotoResultPage() {
  const { id = '', submissionId = '' } = useParams();
  const { t, errorText } = useLang('photo');
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const submission = useSubmission(submissionId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(false);
  const preview = (location.state as { preview?: string } | null)?.preview;
  const detail = `/collections/${id}`;
  const retake = () => void navigate(`/collections/${id}/photo?step=camera`);

  const submit = async () => {
    const s = submission.data;
    if (!s || pending.current) return;
    pending.current = true;
    setBusy(true);
    setError(null);
    try {
      const after = await submitPhoto(s.id);
      qc.setQueryData(submissionKey(s.id), after);
      await qc.invalidateQueries({ queryKey: collectionKey(id) });
      void navigate(after.status === 'submitted' ? `/orders/new?collection=${id}` : detail, {
        replace: true,
      });
    } catch (e) {
      setError(errorText(e));
      void submission.refetch();
    } finally {
      pending.current = false;
      setBusy(false);
    }
  };

  if (submission.isPending)
    return (
      <FlowShell title={t('result.title')} backTo={detail}>
        <div className="full-center">
          <SpinLoading color="primary" />
        </div>
      </FlowShell>
    );
  if (submission.isError)
    return (
      <FlowShell title={t('result.title')} backTo={detail}>
        <ErrorBlock
          status="default"
          title={errorText(submission.error)}
          description={<Link to={detail}>{t('locked.toDetail')}</Link>}
        />
      </FlowShell>
    );

  const s = submission.data;
  if (s.status === 'processing')
    return (
      <FlowShell title={t('result.title')} backTo={detail}>
        <ProcessingView originalUrl={preview ?? s.originalUrl ?? ''} />
      </FlowShell>
    );

  const canSubmit = s.status === 'draft' && (s.verdict === 'pass' || s.verdict === 'warn');
  const footer =
    s.status === 'draft' ? (
      <>
        <Button size="large" shape="rounded" onClick={retake} disabled={busy} data-testid="retake">
          {t('result.retake')}
        </Button>
        {canSubmit && (
          <Button
            size="large"
            shape="rounded"
            color="primary"
            loading={busy}
            disabled={busy}
            onClick={() => void submit()}
            data-testid="submit"
          >
            {t('result.submit')}
          </Button>
        )}
      </>
    ) : (
      <Button
        size="large"
        shape="rounded"
        color="primary"
        onClick={() => void navigate(detail)}
        data-testid="to-detail"
      >
        {t('locked.toDetail')}
      </Button>
    );

  return (
    <FlowShell title={t('result.title')} backTo={detail} footer={footer}>
      <ResultView submission={s} />
      {s.status !== 'draft' && <p className="card__hint">{t(`result.status.${s.status}`)}</p>}
      {error && <FormError message={error} />}
    </FlowShell>
  );
}
