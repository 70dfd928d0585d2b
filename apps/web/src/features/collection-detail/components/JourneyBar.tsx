import { Steps } from 'antd-mobile';
import type { CollectionView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { journeyOf } from './collection-stage.js';

/** 拍照 → 提交 → (支付) → 审核 → 完成 for this 学历. */
export function JourneyBar({ collection }: { collection: CollectionView }) {
  const { t } = useLang('collection-detail');
  const { steps, current } = journeyOf(collection);
  const done = current === steps.length - 1;
  return (
    <Steps current={current} className="detail-steps" data-testid="detail-steps">
      {steps.map((s, i) => (
        <Steps.Step
          key={s}
          title={t(`steps.${s}`)}
          status={i < current || done ? 'finish' : i === current ? 'process' : 'wait'}
        />
      ))}
    </Steps>
  );
}
