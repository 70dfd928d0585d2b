import { CameraOutline, ExclamationTriangleOutline } from 'antd-mobile-icons';
import type { SubmissionView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { formatDateTime } from '../../../lib/format-date.js';
import type { Stage } from './collection-stage.js';

/** The newest photo with its state; a rejection shows the reviewer's reason. */
export function PhotoCard({ submission, stage }: { submission: SubmissionView | null; stage: Stage }) {
  const { t } = useLang('collection-detail');
  const rejected = submission?.status === 'rejected';
  return (
    <section className="card photo-card" data-testid="photo-card">
      <div className="photo-card__row">
        <div className="photo-card__frame">
          {submission?.resultUrl ? (
            <img src={submission.resultUrl} alt={t('photo.alt')} data-testid="detail-photo" />
          ) : (
            <span className="photo-card__empty">
              <CameraOutline />
            </span>
          )}
        </div>
        <div className="photo-card__body">
          <span className={`stage-tag stage-tag--${stage}`} data-testid="stage" data-stage={stage}>
            {t(`stage.${stage}`)}
          </span>
          <p className="photo-card__text">{t(`stageText.${stage}`)}</p>
          {submission?.submittedAt && (
            <p className="photo-card__meta">
              {t('photo.submittedAt', { at: formatDateTime(submission.submittedAt) })}
            </p>
          )}
        </div>
      </div>
      {rejected && (
        <div className="reject-reason" role="alert" data-testid="reject-reason">
          <ExclamationTriangleOutline />
          <div>
            <div className="reject-reason__title">{t('photo.rejectTitle')}</div>
            <div className="reject-reason__text">{submission.rejectReason || t('photo.noReason')}</div>
          </div>
        </div>
      )}
    </section>
  );
}
