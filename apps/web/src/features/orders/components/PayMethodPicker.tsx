import type { PayMethod } from '@gradphoto/contracts/payments';
import { useLang } from '../../../lib/i18n.js';
import { ChoiceCard } from './ChoiceCard.js';

interface Props {
  /** What this page can pay with (see `offeredPayMethods`). */
  offered: readonly PayMethod[];
  alipayBlocked: boolean;
  value: PayMethod;
  onChange: (m: PayMethod) => void;
}

/** 支付方式: 微信支付 or 支付宝 when the centre takes both; inside WeChat, how to reach Alipay. */
export function PayMethodPicker({ offered, alipayBlocked, value, onChange }: Props) {
  const { t } = useLang('orders');
  return (
    <>
      {offered.length > 1 && (
        <section className="card" data-testid="pay-methods">
          <h2 className="section-title">{t('payMethod.title')}</h2>
          <div role="radiogroup" aria-label={t('payMethod.title')}>
            {offered.map((m) => (
              <ChoiceCard
                key={m}
                checked={value === m}
                onSelect={() => onChange(m)}
                title={
                  <>
                    <span className={`pay-mark pay-mark--${m}`} aria-hidden="true">
                      {t(`payMethod.${m}Mark`)}
                    </span>
                    {t(`payMethod.${m}`)}
                  </>
                }
                desc={t(`payMethod.${m}Desc`)}
                testId={`pay-method-${m}`}
              />
            ))}
          </div>
        </section>
      )}
      {alipayBlocked && (
        <div className="notice" role="note" data-testid="alipay-in-wechat">
          {t(offered.length > 0 ? 'payMethod.inWechat' : 'payMethod.alipayOnlyInWechat')}
        </div>
      )}
    </>
  );
}
