import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ErrorBlock, SpinLoading } from 'antd-mobile';
import { useQueryClient } from '@tanstack/react-query';
import { useLang } from '../../../lib/i18n.js';
import { FlowShell } from '../../../components/student/FlowShell.js';
import { submissionKey, uploadPhoto, useCollection } from '../api/photo.js';
import { TipsCarousel } from '../components/TipsCarousel.js';
import { CameraView } from '../components/CameraView.js';
import { shrinkIfHuge } from '../components/shrink-image.js';
import '../components/photo.css';

/** `/collections/:id/photo`: the tips (first time), then the camera / album; an upload opens its result. */
export function PhotoPage() {
  const { id = '' } = useParams();
  const { t, errorText } = useLang('photo');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const collection = useCollection(id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = params.get('step') === 'camera' ? 'camera' : 'tips';

  const onPhoto = async (photo: Blob, source: 'camera' | 'album', filename: string) => {
    setBusy(true);
    setError(null);
    try {
      const body = source === 'album' && photo instanceof File ? await shrinkIfHuge(photo) : photo;
      const s = await uploadPhoto(id, source, body, filename);
      qc.setQueryData(submissionKey(s.id), s);
      void navigate(`/collections/${id}/photo/${s.id}`, { state: { preview: URL.createObjectURL(photo) } });
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };

  const detail = `/collections/${id}`;
  if (collection.isPending)
    return (
      <FlowShell title={t('title')} backTo={detail}>
        <div className="full-center">
          <SpinLoading color="primary" />
        </div>
      </FlowShell>
    );
  if (collection.isError)
    return (
      <FlowShell title={t('title')} backTo="/">
        <ErrorBlock
          status="default"
          title={errorText(collection.error)}
          description={<Link to="/">{t('backHome')}</Link>}
        />
      </FlowShell>
    );

  const c = collection.data;
  const status = c.submission?.status;
  if (status === 'approved' || status === 'submitted' || status === 'pending_review')
    return (
      <FlowShell title={t('title')} backTo={detail}>
        <section className="card locked" data-testid="photo-locked">
          <div className="card__title">{t(`locked.${status}.title`)}</div>
          <p className="card__hint">{t(`locked.${status}.text`)}</p>
          <Link to={detail} className="locked__link">
            {t('locked.toDetail')}
          </Link>
        </section>
      </FlowShell>
    );

  if (step === 'tips')
    return (
      <FlowShell title={t('tips.title')} backTo={detail}>
        <TipsCarousel onDone={() => setParams({ step: 'camera' }, { replace: true })} />
      </FlowShell>
    );

  return (
    <FlowShell title={t('camera.title')} backTo={detail} dark>
      <CameraView
        albumAllowed={c.batch.capturePolicy !== 'live_only'}
        busy={busy}
        error={error}
        onPhoto={(p, s, f) => void onPhoto(p, s, f)}
      />
    </FlowShell>
  );
}
