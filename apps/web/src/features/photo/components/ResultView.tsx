import { useState } from 'react';
import { ImageViewer } from 'antd-mobile';
import type { SubmissionView } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { FormError } from '../../../components/student/FormError.js';
import { CheckList } from './CheckList.js';
import { VerdictBadge } from './VerdictBadge.js';

/** The processed photo with its badge (and the original, until the retention period deletes it), what to do next, and every check's verdict. */
export function ResultView({ submission }: { submission: SubmissionView }) {
  const { t, pick } = useLang('photo');
  const [zoom, setZoom] = useState<string | null>(null);
  const verdict = submission.verdict ?? 'error';
  const problems = submission.checks.filter((c) => !c.passed && c.severity === 'reject').length;
  // null once the original is deleted after the retention period (the result stays)
  const originalUrl = submission.originalUrl;
  return (
    <>
      <section className={`result card result--${verdict}`} data-testid="result">
        <div className="result__photos">
          {submission.resultUrl ? (
            <>
              <button
                type="button"
                className="result__photo"
                onClick={() => setZoom(submission.resultUrl)}
                aria-label={t('result.zoom')}
              >
                <img src={submission.resultUrl} alt={t('result.alt')} data-testid="result-photo" />
                <VerdictBadge verdict={verdict} />
              </button>
              {originalUrl ? (
                <button type="button" className="result__original" onClick={() => setZoom(originalUrl)}>
                  <img src={originalUrl} alt={t('result.originalAlt')} />
                  <span>{t('result.original')}</span>
                </button>
              ) : (
                <div className="result__original result__original--gone" data-testid="original-deleted">
                  <span className="result__original-gone">{t('result.originalDeleted')}</span>
                  <span>{t('result.original')}</span>
                </div>
              )}
            </>
          ) : !originalUrl ? (
            <div className="result__photo result__photo--gone" data-testid="original-deleted">
              <span>{t('result.originalDeletedLong')}</span>
            </div>
          ) : (
            <button
              type="button"
              className="result__photo result__photo--original"
              onClick={() => setZoom(originalUrl)}
              aria-label={t('result.zoom')}
            >
              <img
                src={originalUrl}
                alt={t('result.originalAlt')}
                onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
              />
              <span className="result__none">{t('result.noResult')}</span>
              <VerdictBadge verdict={verdict} />
            </button>
          )}
        </div>
        <h2 className="result__headline" data-testid="result-headline">
          {t(`result.headline.${verdict}`, { n: problems })}
        </h2>
        <p className="result__lead">{t(`result.lead.${verdict}`)}</p>
        {submission.error && <FormError message={pick(submission.error.message)} />}
      </section>
      {submission.checks.length > 0 && (
        <section className="card">
          <div className="card__title">{t('result.checksTitle', { n: submission.checks.length })}</div>
          <CheckList checks={submission.checks} />
        </section>
      )}
      <ImageViewer image={zoom ?? ''} visible={zoom !== null} onClose={() => setZoom(null)} />
    </>
  );
}
