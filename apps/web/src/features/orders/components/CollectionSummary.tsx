import type { CollectionView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';

/** Whose photo and which 学历 the order is for. */
export function CollectionSummary({ collection }: { collection: CollectionView }) {
  const { t } = useLang('orders');
  const g = collection.graduate;
  return (
    <section className="card order-for" data-testid="order-for">
      {collection.submission?.resultUrl ? (
        <img className="order-for__photo" src={collection.submission.resultUrl} alt={t('summary.photoAlt')} />
      ) : (
        <div className="order-for__photo order-for__photo--none" aria-hidden="true" />
      )}
      <div className="order-for__body">
        <div className="order-for__name">{g.name}</div>
        <div className="order-for__line">{collection.batch.schoolName}</div>
        <div className="order-for__line">
          {g.educationLevel} · {g.major}
        </div>
        <div className="order-for__batch">{collection.batch.name}</div>
      </div>
    </section>
  );
}
