import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Dialog, ErrorBlock, SpinLoading, Toast } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';
import { FlowShell } from '../../../components/student/FlowShell.js';
import { FormError } from '../../../components/student/FormError.js';
import { useCollection, usePendingOrder, withdrawSubmission } from '../api/collection.js';
import { stageOf } from '../components/collection-stage.js';
import { PhotoCard } from '../components/PhotoCard.js';
import { JourneyBar } from '../components/JourneyBar.js';
import { RecordInfo } from '../components/RecordInfo.js';
import { DeliveryCard } from '../components/DeliveryCard.js';
import { EmailPhotoPopup } from '../components/EmailPhotoPopup.js';
import '../components/detail.css';

/** `/collections/:id`: one 学历 — where it stands, its newest photo, the reason of a rejection, what to do next. */
export function CollectionDetailPage() {
  const { id = '' } = useParams();
  const { t, errorText } = useLang('collection-detail');
  const navigate = useNavigate();
  const collection = useCollection(id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [emailOpen, setEmailOpen] = useState(false);
  const pendingOrder = usePendingOrder(id, collection.data?.submission?.status === 'submitted');

  if (collection.isPending)
    return (
      <FlowShell title={t('title')}>
        <div className="full-center">
          <SpinLoading color="primary" />
        </div>
      </FlowShell>
    );
  if (collection.isError)
    return (
      <FlowShell title={t('title')}>
        <ErrorBlock
          status="default"
          title={errorText(collection.error)}
          description={<Link to="/">{t('backHome')}</Link>}
        />
      </FlowShell>
    );

  const c = collection.data;
  const s = c.submission;
  const stage = stageOf(c);
  const photo = `/collections/${id}/photo`;

  const withdraw = async () => {
    if (!s) return;
    const ok = await Dialog.confirm({
      title: t('withdraw.title'),
      content: t('withdraw.text'),
      confirmText: t('withdraw.confirm'),
      cancelText: t('withdraw.cancel'),
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await withdrawSubmission(s.id);
      await collection.refetch();
      Toast.show({ icon: 'success', content: t('withdraw.done') });
      void navigate(`${photo}?step=camera`);
    } catch (e) {
      setError(errorText(e));
      void collection.refetch();
    } finally {
      setBusy(false);
    }
  };

  const go = (to: string) => () => void navigate(to);
  const button = (key: string, onClick: () => void, primary = true): ReactNode => (
    <Button
      key={key}
      size="large"
      shape="rounded"
      color={primary ? 'primary' : 'default'}
      onClick={onClick}
      disabled={busy}
      loading={busy && !primary}
      data-testid={`action-${key}`}
    >
      {t(`action.${key}`)}
    </Button>
  );
  const actions: ReactNode[] =
    stage === 'no_photo'
      ? [button('takePhoto', go(photo))]
      : stage === 'processing'
        ? [button('viewResult', go(`${photo}/${s!.id}`))]
        : stage === 'draft'
          ? [
              button('retake', go(`${photo}?step=camera`), false),
              button('viewResult', go(`${photo}/${s!.id}`)),
            ]
          : stage === 'retake'
            ? [
                button('viewProblems', go(`${photo}/${s!.id}`), false),
                button('retakeAgain', go(`${photo}?step=camera`)),
              ]
            : stage === 'to_pay'
              ? [
                  button('withdraw', () => void withdraw(), false),
                  button(
                    'pay',
                    go(
                      pendingOrder.data
                        ? `/orders/${pendingOrder.data.orderNo}`
                        : `/orders/new?collection=${id}`,
                    ),
                  ),
                ]
              : stage === 'in_review'
                ? [button('withdrawRetake', () => void withdraw(), false)]
                : stage === 'fix'
                  ? [button('retakeAgain', go(photo))]
                  : [];

  return (
    <FlowShell title={t('title')} footer={actions.length ? actions : undefined}>
      <section className="detail-hero" data-testid="detail-hero">
        <div className="detail-hero__school">{c.batch.schoolName}</div>
        <div className="detail-hero__name" data-testid="detail-name">
          {c.graduate.name}
          <span className="detail-hero__identity">{t(`identity.${c.identity}`)}</span>
        </div>
        <div className="detail-hero__batch">{c.batch.name}</div>
        <JourneyBar collection={c} />
      </section>
      <PhotoCard submission={s} stage={stage} />
      {error && <FormError message={error} />}
      {stage === 'approved' && s && (
        <DeliveryCard collectionId={id} submissionId={s.id} onEmail={() => setEmailOpen(true)} />
      )}
      {stage === 'to_pay' && <p className="card__hint detail-note">{t('note.toPay')}</p>}
      {stage === 'in_review' && <p className="card__hint detail-note">{t('note.inReview')}</p>}
      <RecordInfo collection={c} />
      {s && stage === 'approved' && (
        <EmailPhotoPopup
          submissionId={s.id}
          defaultTo={c.graduate.email}
          open={emailOpen}
          onClose={() => setEmailOpen(false)}
        />
      )}
    </FlowShell>
  );
}
