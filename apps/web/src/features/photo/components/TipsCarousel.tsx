import { useRef, useState } from 'react';
import { Button, Swiper, type SwiperRef } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';
import { TIPS, TipArt } from './TipArt.js';

/** The centres' advice before the first shot, one tip per slide; the last slide opens the camera. */
export function TipsCarousel({ onDone }: { onDone: () => void }) {
  const { t } = useLang('photo');
  const swiper = useRef<SwiperRef>(null);
  const [index, setIndex] = useState(0);
  const last = index === TIPS.length - 1;
  return (
    <section className="tips" data-testid="tips">
      <div className="tips__head">
        <span className="tips__count">
          {index + 1} / {TIPS.length}
        </span>
        <button type="button" className="text-link tips__skip" onClick={onDone} data-testid="tips-skip">
          {t('tips.skip')}
        </button>
      </div>
      <Swiper
        ref={swiper}
        onIndexChange={setIndex}
        indicatorProps={{ className: 'tips__dots' }}
        className="tips__swiper"
      >
        {TIPS.map((tip) => (
          <Swiper.Item key={tip}>
            <div className="tip">
              <TipArt tip={tip} />
              <h2 className="tip__title">{t(`tips.${tip}.title`)}</h2>
              <p className="tip__text">{t(`tips.${tip}.text`)}</p>
            </div>
          </Swiper.Item>
        ))}
      </Swiper>
      <Button
        block
        color="primary"
        size="large"
        shape="rounded"
        onClick={() => (last ? onDone() : swiper.current?.swipeTo(index + 1))}
        data-testid={last ? 'tips-start' : 'tips-next'}
      >
        {last ? t('tips.start') : t('tips.next')}
      </Button>
      <div className="tips__sample" data-testid="tips-sample">
        <img src="/samples/good-photo.jpg" alt={t('camera.sampleAlt')} width={72} height={96} />
        <div>
          <div className="tips__sample-title">{t('tips.sampleTitle')}</div>
          <ul>
            <li>{t('tips.sample1')}</li>
            <li>{t('tips.sample2')}</li>
            <li>{t('tips.sample3')}</li>
          </ul>
        </div>
      </div>
    </section>
  );
}
