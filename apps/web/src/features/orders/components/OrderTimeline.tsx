import { Steps } from 'antd-mobile';
import type { OrderDetail } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { formatYuan } from '../../../lib/money.js';
import { timelineEvents } from './timeline-events.js';

/** The order's history, newest first. */
export function OrderTimeline({ timeline }: { timeline: OrderDetail['timeline'] }) {
  const { t, lang } = useLang('orders');
  const events = timelineEvents(timeline).reverse();
  const when = (iso: string) => new Date(iso).toLocaleString(lang, { hour12: false });
  return (
    <Steps direction="vertical" current={0} className="order-timeline" data-testid="order-timeline">
      {events.map((e, i) => (
        <Steps.Step
          key={i}
          status={i === 0 ? 'process' : 'finish'}
          title={t(`timeline.${e.kind}`)}
          description={
            <>
              {e.detail && (
                <div className="order-timeline__detail">
                  {e.kind === 'refund' ? formatYuan(Number(e.detail)) : e.detail}
                </div>
              )}
              <time dateTime={e.at}>{when(e.at)}</time>
            </>
          }
        />
      ))}
    </Steps>
  );
}
