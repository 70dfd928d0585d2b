import { useCallback, useRef, useState, type ReactNode } from 'react';
import { SpinLoading } from 'antd-mobile';
import { EditSOutline, PictureOutline, RightOutline, ScanningOutline, TeamOutline } from 'antd-mobile-icons';
import type { BatchSummary, GraduatePreview, IdentifyRequest } from '@gradphoto/contracts/journey';
import { useLang } from '../../../lib/i18n.js';
import { readQr } from '../api/load-qr-reader.js';
import { FormError } from '../../../components/student/FormError.js';
import { identify } from '../api/collections.js';
import { BatchCard } from './BatchCard.js';
import { QrScanner } from './QrScanner.js';

type Method = 'scan' | 'upload' | 'roster' | 'form';

/**
 * Step 2: the batch card, then how the graduate is identified: scan the 图像采集码, upload its image,
 * the school roster (when the batch has one) or the form. A code or roster hit goes to the confirm step.
 */
export function IdentifyStep({
  batches,
  batch,
  idLast4,
  onPickBatch,
  onIdentified,
  onForm,
}: {
  batches: BatchSummary[];
  batch: BatchSummary;
  idLast4: string;
  onPickBatch: (b: BatchSummary) => void;
  onIdentified: (request: IdentifyRequest, graduate: GraduatePreview) => void;
  onForm: () => void;
}) {
  const { t, errorText } = useLang('collections');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Method | null>(null);
  const [scanning, setScanning] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  const run = useCallback(
    async (method: Method, request: IdentifyRequest) => {
      setBusy(method);
      setError(null);
      try {
        const { graduate } = await identify(request);
        onIdentified(request, graduate);
      } catch (e) {
        setError(errorText(e));
      } finally {
        setBusy(null);
      }
    },
    [errorText, onIdentified],
  );

  const byCode = useCallback(
    (method: 'scan' | 'upload', code: string) =>
      run(method, { method: 'code', code, batchId: batch.id, idLast4 }),
    [run, batch.id, idLast4],
  );

  const onScanned = useCallback(
    (text: string) => {
      setScanning(false);
      void byCode('scan', text);
    },
    [byCode],
  );

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    setBusy('upload');
    setError(null);
    const text = await readQr(f).catch(() => null);
    if (!text) {
      setBusy(null);
      setError(t('identify.noQr'));
      return;
    }
    await byCode('upload', text);
  };

  const methods: Array<{ key: Method; icon: ReactNode; show: boolean; onClick: () => void }> = [
    { key: 'scan', icon: <ScanningOutline />, show: true, onClick: () => setScanning(true) },
    { key: 'upload', icon: <PictureOutline />, show: true, onClick: () => file.current?.click() },
    {
      key: 'roster',
      icon: <TeamOutline />,
      show: batch.hasRoster,
      onClick: () => void run('roster', { method: 'roster', batchId: batch.id, idLast4 }),
    },
    { key: 'form', icon: <EditSOutline />, show: true, onClick: onForm },
  ];

  return (
    <>
      {batches.length > 1 ? (
        <section className="card">
          <div className="card__title">{t('identify.pickBatch', { n: batches.length })}</div>
          <div className="batch-list">
            {batches.map((b) => (
              <BatchCard key={b.id} batch={b} picked={b.id === batch.id} onPick={() => onPickBatch(b)} />
            ))}
          </div>
        </section>
      ) : (
        <BatchCard batch={batch} />
      )}
      <section className="card">
        <div className="card__title">{t('identify.title')}</div>
        <p className="card__lead">{t('identify.lead')}</p>
        <div className="method-list">
          {methods
            .filter((m) => m.show)
            .map((m) => (
              <button
                key={m.key}
                type="button"
                className={m.key === 'scan' ? 'method method--primary' : 'method'}
                onClick={m.onClick}
                disabled={busy !== null}
                data-testid={`identify-${m.key}`}
              >
                <span className="method__icon">
                  {busy === m.key ? <SpinLoading style={{ '--size': '20px' }} /> : m.icon}
                </span>
                <span className="method__text">
                  <span className="method__name">{t(`identify.${m.key}.name`)}</span>
                  <span className="method__hint">{t(`identify.${m.key}.hint`)}</span>
                </span>
                <RightOutline className="method__arrow" />
              </button>
            ))}
        </div>
        {error && (
          <div
            className="step-error"
            ref={(el) => el?.scrollIntoView({ block: 'center', behavior: 'smooth' })}
          >
            <FormError message={error} />
          </div>
        )}
        <input
          ref={file}
          type="file"
          accept="image/*"
          hidden
          data-testid="qr-file"
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </section>
      <QrScanner open={scanning} onClose={() => setScanning(false)} onResult={onScanned} />
    </>
  );
}
