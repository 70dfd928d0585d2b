import { Link } from 'react-router-dom';
import { DownlandOutline, MailOutline, PictureOutline, RightOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';

/** After approval: download the JPG, send it by email, order reprints (加洗). */
export function DeliveryCard({
  collectionId,
  submissionId,
  onEmail,
}: {
  collectionId: string;
  submissionId: string;
  onEmail: () => void;
}) {
  const { t } = useLang('collection-detail');
  return (
    <section className="card" data-testid="delivery">
      <div className="card__title">{t('delivery.title')}</div>
      <div className="delivery">
        <a
          className="delivery__item"
          href={`/api/submissions/${submissionId}/result.jpg?download=1`}
          download
          data-testid="download"
        >
          <DownlandOutline />
          <span>{t('delivery.download')}</span>
        </a>
        <button type="button" className="delivery__item" onClick={onEmail} data-testid="email-open">
          <MailOutline />
          <span>{t('delivery.email')}</span>
        </button>
        <Link
          className="delivery__item"
          to={`/orders/reprint?collection=${collectionId}`}
          data-testid="reprint"
        >
          <PictureOutline />
          <span>{t('delivery.reprint')}</span>
        </Link>
      </div>
      <Link to={`/orders/reprint?collection=${collectionId}`} className="delivery__note">
        {t('delivery.reprintHint')} <RightOutline />
      </Link>
    </section>
  );
}
