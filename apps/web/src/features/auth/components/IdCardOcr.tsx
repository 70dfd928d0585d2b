import { useRef, useState } from 'react';
import { Button, NoticeBar } from 'antd-mobile';
import { ScanningOutline } from 'antd-mobile-icons';
import type { OcrIdCardResponse } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { downscaleImage } from '../../../lib/downscale-image.js';
import { readIdCard } from '../api/auth.js';

type Outcome =
  { kind: 'read'; result: OcrIdCardResponse } | { kind: 'none' } | { kind: 'error'; message: string };

/**
 * "识别身份证": pick or take a photo of the ID card, send it to the OCR route and hand the suggestion to the
 * form. The student still confirms/edits; a wrong check digit is pointed out.
 */
export function IdCardOcr({ onRead }: { onRead: (r: OcrIdCardResponse) => void }) {
  const { t, errorText } = useLang();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    try {
      const result = await readIdCard(await downscaleImage(file));
      if (result.idNumber || result.name) {
        onRead(result);
        setOutcome({ kind: 'read', result });
      } else {
        setOutcome({ kind: 'none' });
      }
    } catch (e) {
      setOutcome({ kind: 'error', message: errorText(e) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="ocr-box">
      <input
        ref={input}
        type="file"
        accept="image/*"
        hidden
        onChange={(e) => void onFile(e.target.files?.[0])}
        data-testid="ocr-file"
      />
      <Button
        block
        fill="outline"
        color="primary"
        shape="rounded"
        loading={busy}
        loadingText={t('ocr.reading')}
        onClick={() => input.current?.click()}
        data-testid="ocr-button"
      >
        <ScanningOutline /> {t('ocr.button')}
      </Button>
      <p className="ocr-box__hint">{t('ocr.hint')}</p>
      {outcome?.kind === 'read' && (
        <NoticeBar
          wrap
          color={outcome.result.idNumber && !outcome.result.idNumberValid ? 'alert' : 'info'}
          content={
            outcome.result.idNumber && !outcome.result.idNumberValid ? t('ocr.checksum') : t('ocr.done')
          }
          data-testid="ocr-result"
        />
      )}
      {outcome?.kind === 'none' && (
        <NoticeBar wrap color="alert" content={t('ocr.none')} data-testid="ocr-result" />
      )}
      {outcome?.kind === 'error' && (
        <NoticeBar wrap color="error" content={outcome.message} data-testid="ocr-result" />
      )}
    </div>
  );
}
