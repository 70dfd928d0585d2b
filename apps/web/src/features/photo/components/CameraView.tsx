import { useRef, useState } from 'react';
import { Button, SpinLoading } from 'antd-mobile';
import { CameraOutline, PictureOutline, LoopOutline } from 'antd-mobile-icons';
import { useLang } from '../../../lib/i18n.js';
import { grabFrame, useCamera, type Facing } from '../../../lib/use-camera.js';
import { FormError } from '../../../components/student/FormError.js';
import { GuideOverlay } from './GuideOverlay.js';
import { canDetectFaces, useLiveHint } from './use-live-hint.js';

/**
 * The viewfinder (rear camera by default, 3:4) with the person-shaped guide, the live hint, a sample of a
 * good photo in the corner, and the shutter / album / switch buttons. A captured frame is never mirrored.
 */
export function CameraView({
  albumAllowed,
  busy,
  error,
  onPhoto,
}: {
  albumAllowed: boolean;
  busy: boolean;
  error: string | null;
  onPhoto: (photo: Blob, source: 'camera' | 'album', filename: string) => void;
}) {
  const { t } = useLang('photo');
  const video = useRef<HTMLVideoElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const [facing, setFacing] = useState<Facing>('environment');
  const camera = useCamera(video, facing, !busy);
  const mirrored = facing === 'user';
  const hint = useLiveHint(video, camera.status === 'live' && !busy, mirrored);
  const [shooting, setShooting] = useState(false);

  const shoot = async () => {
    const el = video.current;
    if (!el || shooting) return;
    setShooting(true);
    try {
      const frame = grabFrame(el);
      const blob = frame
        ? await new Promise<Blob | null>((resolve) => frame.toBlob(resolve, 'image/jpeg', 0.92))
        : null;
      if (blob) onPhoto(blob, 'camera', 'camera.jpg');
    } finally {
      setShooting(false);
    }
  };

  const staticHint = !canDetectFaces();
  return (
    <div className="camera">
      <div className="camera__viewfinder" data-testid="viewfinder">
        <video
          ref={video}
          className={mirrored ? 'camera__video camera__video--mirror' : 'camera__video'}
          playsInline
          muted
          data-testid="camera-video"
        />
        <GuideOverlay tone={hint?.tone ?? 'idle'} />
        <div
          className={hint?.tone === 'ok' ? 'camera__hint camera__hint--ok' : 'camera__hint'}
          role="status"
          data-testid="camera-hint"
        >
          {hint ? t(`hint.${hint.key}`) : t('hint.static')}
        </div>
        <figure className="camera__sample">
          <img src="/samples/good-photo.jpg" alt={t('camera.sampleAlt')} width={60} height={80} />
          <figcaption>{t('camera.sample')}</figcaption>
        </figure>
        {camera.status === 'starting' && (
          <div className="camera__center">
            <SpinLoading color="white" />
          </div>
        )}
        {camera.status === 'error' && (
          <div className="camera__problem" role="alert" data-testid="camera-problem">
            <CameraOutline fontSize={36} />
            <p>{t(`camera.${camera.problem ?? 'unavailable'}`)}</p>
            {albumAllowed ? (
              <Button color="primary" shape="rounded" onClick={() => album.current?.click()}>
                {t('camera.useAlbum')}
              </Button>
            ) : (
              <p className="camera__small">{t('camera.liveOnlyProblem')}</p>
            )}
          </div>
        )}
        {busy && (
          <div className="camera__center camera__center--busy" data-testid="uploading">
            <SpinLoading color="white" />
            <span>{t('camera.uploading')}</span>
          </div>
        )}
      </div>
      {error && (
        <div className="camera__error">
          <FormError message={error} />
        </div>
      )}
      <div className="camera__controls">
        {albumAllowed ? (
          <button
            type="button"
            className="camera__side"
            onClick={() => album.current?.click()}
            disabled={busy}
            data-testid="album"
          >
            <PictureOutline />
            <span>{t('camera.album')}</span>
          </button>
        ) : (
          <span className="camera__side camera__side--note" data-testid="live-only">
            {t('camera.liveOnly')}
          </span>
        )}
        <button
          type="button"
          className="camera__shutter"
          onClick={() => void shoot()}
          disabled={busy || shooting || camera.status !== 'live'}
          aria-label={t('camera.shoot')}
          data-testid="shutter"
        >
          <span />
        </button>
        <button
          type="button"
          className="camera__side"
          onClick={() => setFacing(mirrored ? 'environment' : 'user')}
          disabled={busy || (!camera.canSwitch && camera.status === 'live')}
          data-testid="switch-camera"
        >
          <LoopOutline />
          <span>{t(mirrored ? 'camera.toRear' : 'camera.toFront')}</span>
        </button>
      </div>
      <p className="camera__guidance">{staticHint ? t('camera.guidanceStatic') : t('camera.guidance')}</p>
      <input
        ref={album}
        type="file"
        accept="image/*"
        hidden
        data-testid="album-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onPhoto(f, 'album', f.name || 'photo.jpg');
        }}
      />
    </div>
  );
}
