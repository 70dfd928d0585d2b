import { useEffect, useState } from 'react';
import { SpinLoading } from 'antd-mobile';
import { CheckOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';

const STAGES = ['face', 'background', 'crop'] as const;

/** While the engine works (1–2 s): the original under a scanning line and the stages ticking by. */
export function ProcessingView({ originalUrl }: { originalUrl: string }) {
  const { t } = useLang('photo');
  const [stage, setStage] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setStage((s) => Math.min(s + 1, STAGES.length - 1)), 700);
    return () => clearInterval(timer);
  }, []);
  return (
    <section className="card processing" data-testid="processing" aria-busy="true">
      <div className="processing__photo">
        <img src={originalUrl} alt="" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} />
        <span className="processing__scan" />
      </div>
      <div className="processing__title">
        <SpinLoading style={{ '--size': '18px' }} /> {t('processing.title')}
      </div>
      <ol className="processing__stages">
        {STAGES.map((s, i) => (
          <li key={s} className={i < stage ? 'done' : i === stage ? 'now' : ''}>
            {i < stage ? <CheckOutline /> : <span className="processing__dot" />}
            {t(`processing.${s}`)}
          </li>
        ))}
      </ol>
    </section>
  );
}
