/** The benchmark's photos, shared by scripts/bench.ts and scripts/bench-compare.ts. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/** ../shared/photos/portraits beside the repository's root. */
export const PORTRAITS_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/photos/portraits',
);

/**
 * The 12-megapixel phone-size JPEG: a real portrait enlarged to 3024×4032 (a 4032×3024 sensor held
 * upright) with a phone-like JPEG quality.
 */
export async function twelveMpJpeg(): Promise<Buffer> {
  return sharp(join(PORTRAITS_DIR, 'facerec_obama.jpg'))
    .resize(3024, 4032, { fit: 'cover', kernel: 'lanczos3' })
    .jpeg({ quality: 92 })
    .toBuffer();
}
