import { Steps } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';

const STEPS = ['register', 'collection', 'photo', 'pay', 'review'] as const;

/** Where the student is in the journey: 注册 → 添加学历 → 拍照 → 支付 → 审核 (current = 5: all done). */
export function JourneySteps({ current }: { current: number }) {
  const { t } = useLang('home');
  return (
    <Steps current={current} className="journey-steps" data-testid="journey-steps">
      {STEPS.map((s, i) => (
        <Steps.Step
          key={s}
          title={t(`journey.${s}`)}
          status={i < current ? 'finish' : i === current ? 'process' : 'wait'}
        />
      ))}
    </Steps>
  );
}
