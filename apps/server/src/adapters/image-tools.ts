import sharp from 'sharp';
import { bilingual as m, errors } from '../errors.js';

/** A square 256 px JPEG avatar from any common image; bad files become a typed 400. */
export async function makeAvatar(bytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' })
      .rotate()
      .resize(256, 256, { fit: 'cover', position: 'attention' })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch {
    throw errors.validation('IMAGE_INVALID', m('无法读取该图片，请换一张 JPG 或 PNG 图片', 'This image cannot be read; please use a JPG or PNG'));
  }
}
