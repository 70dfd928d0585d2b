import { useEffect, useRef } from 'react';
import { Button, Popup } from 'antd-mobile';
import { CloseOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';
import { grabFrame, useCamera } from '../../../lib/use-camera.js';
import { readQr } from '../api/load-qr-reader.js';

/** The live part: mounted only while the popup is open, so the camera starts with its <video> present. */
function ScanView({ onClose, onResult }: { onClose: () => void; onResult: (text: string) => void }) {
  const { t } = useLang('collections');
  const video = useRef<HTMLVideoElement>(null);
  const camera = useCamera(video, 'environment');
  // the latest callback, so a parent re-render does not restart the scan loop
  const report = useRef(onResult);
  useEffect(() => {
    report.current = onResult;
  });

  useEffect(() => {
    if (camera.status !== 'live') return;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const tick = async () => {
      const frame = video.current ? grabFrame(video.current, 960) : null;
      const ctx = frame?.getContext('2d');
      if (frame && ctx) {
        const text = await readQr(ctx.getImageData(0, 0, frame.width, frame.height)).catch(() => null);
        if (text && !stopped) {
          stopped = true;
          report.current(text);
          return;
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), 250);
    };
    timer = setTimeout(() => void tick(), 200);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [camera.status]);

  return (
    <div className="qr-scanner__view">
      <video ref={video} className="qr-scanner__video" playsInline muted data-testid="scan-video" />
      <div className="qr-scanner__frame" aria-hidden="true">
        <span className="qr-scanner__line" />
      </div>
      {camera.status === 'error' && (
        <div className="qr-scanner__problem" role="alert">
          <p>{t(`camera.${camera.problem ?? 'unavailable'}`)}</p>
          <Button color="primary" shape="rounded" onClick={onClose}>
            {t('identify.scanUseUpload')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** Full-screen camera that reads the 图像采集码 QR code (zxing-wasm, a few frames a second). */
export function QrScanner({
  open,
  onClose,
  onResult,
}: {
  open: boolean;
  onClose: () => void;
  onResult: (text: string) => void;
}) {
  const { t } = useLang('collections');
  return (
    <Popup visible={open} onMaskClick={onClose} position="bottom" bodyClassName="qr-scanner" destroyOnClose>
      <div className="qr-scanner__bar">
        <span>{t('identify.scanTitle')}</span>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('common.cancel')}
          data-testid="scan-close"
        >
          <CloseOutline />
        </button>
      </div>
      {open && <ScanView onClose={onClose} onResult={onResult} />}
      <p className="qr-scanner__hint">{t('identify.scanHint')}</p>
    </Popup>
  );
}
