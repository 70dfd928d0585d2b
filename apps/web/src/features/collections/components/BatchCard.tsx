import { Tag } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import type { BatchSummary } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { formatDate } from '../../../lib/format-date.js';

/** The batch found by the code: school, batch, prices, who pays, deadline, capture policy. */
export function BatchCard({
  batch,
  onPick,
  picked,
}: {
  batch: BatchSummary;
  onPick?: () => void;
  picked?: boolean;
}) {
  const { t } = useLang('collections');
  const body = (
    <>
      <div className="batch-card__school" data-testid="batch-school">
        {batch.schoolName}
      </div>
      <div className="batch-card__name">{batch.name}</div>
      <div className="batch-card__tags">
        <Tag color={batch.payer === 'school' ? 'success' : 'primary'} fill="outline">
          {t(`batch.payer.${batch.payer}`)}
        </Tag>
        <Tag color="default" fill="outline">
          {t(`batch.mode.${batch.mode}`)}
        </Tag>
        {batch.capturePolicy === 'live_only' && (
          <Tag color="warning" fill="outline">
            {t('batch.liveOnly')}
          </Tag>
        )}
      </div>
      <dl className="batch-card__facts">
        <div>
          <dt>{t('batch.priceNoPrints')}</dt>
          <dd data-testid="batch-price">
            {batch.payer === 'school' ? t('batch.schoolPays') : formatYuan(batch.priceNoPrintsCents)}
          </dd>
        </div>
        <div>
          <dt>{t(batch.payer === 'school' ? 'batch.printsOnly' : 'batch.priceWithPrints')}</dt>
          <dd>
            {formatYuan(
              batch.payer === 'school'
                ? batch.priceWithPrintsCents - batch.priceNoPrintsCents
                : batch.priceWithPrintsCents,
            )}
          </dd>
        </div>
        <div>
          <dt>{t('batch.deadline')}</dt>
          <dd>{batch.closesAt ? formatDate(batch.closesAt) : t('batch.noDeadline')}</dd>
        </div>
      </dl>
    </>
  );
  return onPick ? (
    <button
      type="button"
      className={picked ? 'batch-card batch-card--pick batch-card--on' : 'batch-card batch-card--pick'}
      onClick={onPick}
      aria-pressed={picked}
      data-testid="batch-option"
    >
      {picked && <CheckCircleFill className="batch-card__picked" />}
      {body}
    </button>
  ) : (
    <section className="batch-card" data-testid="batch-card">
      {body}
    </section>
  );
}
