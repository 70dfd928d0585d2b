import { Steps } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';

const STEPS = ['find', 'identify', 'confirm'] as const;

/** 找到批次 → 确认身份 → 核对信息, at the top of every step. */
export function AddSteps({ current }: { current: number }) {
  const { t } = useLang('collections');
  return (
    <section className="card add-steps">
      <Steps current={current} data-testid="add-steps">
        {STEPS.map((s, i) => (
          <Steps.Step
            key={s}
            title={t(`steps.${s}`)}
            status={i < current ? 'finish' : i === current ? 'process' : 'wait'}
          />
        ))}
      </Steps>
    </section>
  );
}
