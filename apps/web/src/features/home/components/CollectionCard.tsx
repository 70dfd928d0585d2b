import { Link, useNavigate } from 'react-router-dom';
import { Button } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import type { CollectionView, OrderView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { collectionStage } from './collection-stage.js';

/** One 学历: school, degree, the photo, where it stands and the next step. */
export function CollectionCard({ c, orders }: { c: CollectionView; orders: readonly OrderView[] }) {
  const { t } = useLang('home');
  const navigate = useNavigate();
  const info = collectionStage(c, orders);
  const photo = c.submission?.resultUrl;
  return (
    <article
      className={`col-card col-card--${info.stage}`}
      data-testid="collection-card"
      data-stage={info.stage}
    >
      <Link to={`/collections/${c.id}`} className="col-card__main">
        {photo ? (
          <img className="col-card__photo" src={photo} alt={t('collection.photoAlt')} />
        ) : (
          <div className="col-card__photo col-card__photo--none" aria-hidden="true" />
        )}
        <div className="col-card__body">
          <div className="col-card__school">{c.batch.schoolName}</div>
          <div className="col-card__degree">
            {c.graduate.educationLevel} · {c.graduate.major}
          </div>
          <span className={`stage-tag stage-tag--${info.stage}`} data-testid="collection-stage">
            {t(`stage.${info.stage}`)}
          </span>
        </div>
        <RightOutline className="col-card__go" />
      </Link>
      {c.submission?.status === 'rejected' && c.submission.rejectReason && (
        <p className="col-card__reason">
          {t('collection.rejectReason', { reason: c.submission.rejectReason })}
        </p>
      )}
      <div className="col-card__next">
        <span className="col-card__hint">{t(`stageHint.${info.stage}`)}</span>
        {info.action && (
          <Button
            size="small"
            color="primary"
            shape="rounded"
            onClick={() => void navigate(info.to)}
            data-testid="collection-action"
          >
            {t(`stageAction.${info.stage}`)}
          </Button>
        )}
      </div>
    </article>
  );
}
