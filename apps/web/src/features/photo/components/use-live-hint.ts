import { useEffect, useState, type RefObject } from 'react';
import {
  cameraHint,
  sampleLight,
  toViewfinder,
  visibleCrop,
  type FaceBox,
  type Hint,
} from './camera-hints.js';

/** The Shape Detection API's face detector (Chrome on some platforms); not in TypeScript's DOM types. */
interface DetectedFace {
  boundingBox: DOMRectReadOnly;
  landmarks?: Array<{ type: string; locations: Array<{ x: number; y: number }> }>;
}
interface FaceDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedFace[]>;
}
type FaceDetectorCtor = new (options?: { fastMode?: boolean; maxDetectedFaces?: number }) => FaceDetectorLike;

function makeDetector(): FaceDetectorLike | null {
  const Ctor = (globalThis as { FaceDetector?: FaceDetectorCtor }).FaceDetector;
  if (!Ctor) return null;
  try {
    return new Ctor({ fastMode: true, maxDetectedFaces: 3 });
  } catch {
    return null;
  }
}

/** Whether this browser can detect faces live (else the camera page shows static guidance). */
export const canDetectFaces = () =>
  typeof (globalThis as { FaceDetector?: unknown }).FaceDetector === 'function';

/**
 * Twice a second: the light in the guide's head area (a 60×80 copy of the viewfinder) and, where the
 * browser has `FaceDetector`, the faces → the hint to show. Stops when `enabled` goes false.
 */
export function useLiveHint(
  video: RefObject<HTMLVideoElement | null>,
  enabled: boolean,
  mirrored: boolean,
): Hint | null {
  const [hint, setHint] = useState<Hint | null>(null);

  useEffect(() => {
    if (!enabled) {
      setHint(null);
      return;
    }
    const detector = makeDetector();
    const canvas = document.createElement('canvas');
    canvas.width = 60;
    canvas.height = 80;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;

    const tick = async () => {
      const el = video.current;
      if (el && el.videoWidth && ctx) {
        const crop = visibleCrop(el.videoWidth, el.videoHeight);
        ctx.drawImage(el, crop.x, crop.y, crop.width, crop.height, 0, 0, 60, 80);
        const light = sampleLight(ctx.getImageData(0, 0, 60, 80).data, 60, 80);
        let faces: FaceBox[] | null = null;
        if (detector) {
          try {
            const found = await detector.detect(el);
            faces = found.map((f) => {
              const box = toViewfinder(f.boundingBox, crop, mirrored);
              const eyes = (f.landmarks ?? [])
                .filter((l) => l.type === 'eye')
                .map((l) => l.locations[0])
                .filter((p) => p !== undefined);
              const eye = (p: { x: number; y: number }) => {
                const b = toViewfinder({ x: p.x, y: p.y, width: 0, height: 0 }, crop, mirrored);
                return { x: b.x, y: b.y };
              };
              return eyes.length === 2 ? { ...box, leftEye: eye(eyes[0]!), rightEye: eye(eyes[1]!) } : box;
            });
          } catch {
            faces = null;
          }
        }
        if (!stopped) setHint(cameraHint(faces, light));
      }
      if (!stopped) timer = setTimeout(() => void tick(), 500);
    };
    timer = setTimeout(() => void tick(), 400);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [video, enabled, mirrored]);

  return hint;
}
