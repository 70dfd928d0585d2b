import { useEffect, useState, type RefObject } from 'react';

export type Facing = 'environment' | 'user';
export type CameraProblem = 'denied' | 'unavailable' | 'insecure';

export interface CameraState {
  status: 'starting' | 'live' | 'error' | 'off';
  problem: CameraProblem | null;
  /** More than one camera (a phone's front and rear), so a switch button makes sense. */
  canSwitch: boolean;
}

/** Maps getUserMedia's DOMException names to what we tell the student. */
export function cameraProblem(e: unknown): CameraProblem {
  const name = e instanceof Error ? e.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError')
    return 'denied';
  return 'unavailable';
}

/**
 * Streams a camera into `video` while `enabled`: the rear camera by default (`facing`), as large as the
 * device gives (ideal 1920×1440). Tracks stop when disabled, when `facing` changes and on unmount.
 */
export function useCamera(
  video: RefObject<HTMLVideoElement | null>,
  facing: Facing,
  enabled = true,
): CameraState {
  const [state, setState] = useState<CameraState>({ status: 'off', problem: null, canSwitch: false });

  useEffect(() => {
    if (!enabled) {
      setState((s) => ({ ...s, status: 'off' }));
      return;
    }
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media?.getUserMedia) {
      setState({
        status: 'error',
        problem: globalThis.isSecureContext === false ? 'insecure' : 'unavailable',
        canSwitch: false,
      });
      return;
    }
    let attached: HTMLVideoElement | null = null;
    let stream: MediaStream | null = null;
    let cancelled = false;
    setState((s) => ({ ...s, status: 'starting', problem: null }));
    media
      .getUserMedia({
        audio: false,
        video: { facingMode: { ideal: facing }, width: { ideal: 1920 }, height: { ideal: 1440 } },
      })
      .then(async (s) => {
        if (cancelled) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream = s;
        // read the element now (not when the effect ran): it may mount after the effect (popups)
        attached = video.current;
        if (attached) {
          attached.srcObject = s;
          attached.muted = true;
          attached.playsInline = true;
          await attached.play().catch(() => undefined);
        }
        const devices = await media.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
        if (!cancelled)
          setState({
            status: 'live',
            problem: null,
            canSwitch: devices.filter((d) => d.kind === 'videoinput').length > 1,
          });
      })
      .catch((e: unknown) => {
        if (!cancelled) setState({ status: 'error', problem: cameraProblem(e), canSwitch: false });
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((tr) => tr.stop());
      if (attached) attached.srcObject = null;
    };
  }, [video, facing, enabled]);

  return state;
}

/** The current video frame, full size, on a canvas (null before the first frame). */
export function grabFrame(video: HTMLVideoElement, maxSide = Infinity): HTMLCanvasElement | null {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) return null;
  const scale = Math.min(1, maxSide / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: maxSide !== Infinity });
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvas;
}
