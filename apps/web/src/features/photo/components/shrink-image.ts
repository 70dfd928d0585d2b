/** Photos above this many pixels are scaled down in the browser before upload; smaller ones travel as they are. */
export const MAX_UPLOAD_PIXELS = 12_000_000;

/** The size to scale `width`×`height` to so it has at most `maxPixels` (null: keep it). */
export function targetSize(
  width: number,
  height: number,
  maxPixels = MAX_UPLOAD_PIXELS,
): { width: number; height: number } | null {
  if (width * height <= maxPixels) return null;
  const scale = Math.sqrt(maxPixels / (width * height));
  return { width: Math.floor(width * scale), height: Math.floor(height * scale) };
}

/**
 * A photo above 12 MP becomes a ≤ 12 MP JPEG at quality 0.92 (keeps the detail the engine needs, cuts the
 * upload). Smaller photos, and files the browser cannot decode (HEIC outside Safari), are sent unchanged:
 * the server reads those.
 */
export async function shrinkIfHuge(file: File): Promise<Blob> {
  if (typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const size = targetSize(bitmap.width, bitmap.height);
    if (!size) return file;
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}
