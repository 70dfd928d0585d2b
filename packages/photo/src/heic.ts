/**
 * HEIC/HEIF decoding through libheif-js (LGPL-3.0, used unmodified as a separate npm package; its wasm build
 * with libde265). libheif applies the HEIF transforms (irot/imir/clap) itself while decoding; the EXIF
 * orientation inside a HEIF is ignored, as the HEIF standard requires (iPhones write both, so applying both
 * would rotate twice).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface EmbindEnum {
  value: number;
}
interface HeifError {
  code: EmbindEnum;
  message: string;
}
interface DecodedChannel {
  id: EmbindEnum;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}
interface DecodedHeifImage {
  image: unknown;
  width: number;
  height: number;
  channels: DecodedChannel[];
  code?: EmbindEnum;
}
interface LibHeif {
  heif_context_alloc(): unknown;
  heif_context_free(ctx: unknown): void;
  heif_context_read_from_memory(ctx: unknown, data: Uint8Array): HeifError;
  heif_js_context_get_list_of_top_level_image_IDs(ctx: unknown): number[] & { code?: unknown };
  heif_js_context_get_primary_image_handle(ctx: unknown): { code?: unknown } | null;
  heif_image_handle_get_width(h: unknown): number;
  heif_image_handle_get_height(h: unknown): number;
  heif_image_handle_has_alpha_channel(h: unknown): number;
  heif_image_handle_release(h: unknown): void;
  heif_js_decode_image2(h: unknown, colorspace: unknown, chroma: unknown): DecodedHeifImage | Promise<DecodedHeifImage>;
  heif_image_release(img: unknown): void;
  heif_colorspace: { heif_colorspace_RGB: unknown };
  heif_chroma: { heif_chroma_interleaved_RGB: unknown; heif_chroma_interleaved_RGBA: unknown };
  heif_channel: { heif_channel_interleaved: EmbindEnum };
}

let lib: LibHeif | null = null;

function loadLibheif(): LibHeif {
  if (!lib) {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve('libheif-js/package.json'));
    const factory = require(join(dir, 'libheif-wasm/libheif.js')) as (opts: { wasmBinary: Uint8Array }) => LibHeif;
    lib = factory({ wasmBinary: readFileSync(join(dir, 'libheif-wasm/libheif.wasm')) });
  }
  return lib;
}

export class HeicDecodeError extends Error {}

export interface HeicContents {
  topLevelImages: number;
  width: number;
  height: number;
  hasAlpha: boolean;
}

export interface HeicPixels extends HeicContents {
  /** Interleaved RGB or RGBA (see `channels`), rows packed (no stride). */
  data: Uint8Array;
  channels: 3 | 4;
}

/**
 * Read the container and, unless `decode` is false, decode the primary image (transforms applied).
 * `beforeDecode` sees the top-level image count and the output size and may throw to stop before any
 * pixel is decoded.
 */
export async function decodeHeic(bytes: Uint8Array, beforeDecode?: (c: HeicContents) => void): Promise<HeicPixels> {
  const m = loadLibheif();
  let ctx: unknown = null;
  let handle: { code?: unknown } | null = null;
  let img: DecodedHeifImage | null = null;
  try {
    ctx = m.heif_context_alloc();
    if (!ctx) throw new HeicDecodeError('could not allocate a HEIF context');
    const err = m.heif_context_read_from_memory(ctx, bytes);
    if (err.code.value !== 0) throw new HeicDecodeError(`HEIF: ${err.message}`);
    const ids = m.heif_js_context_get_list_of_top_level_image_IDs(ctx);
    if (!Array.isArray(ids)) throw new HeicDecodeError('HEIF: no image list');
    handle = m.heif_js_context_get_primary_image_handle(ctx);
    if (!handle || handle.code !== undefined) throw new HeicDecodeError('HEIF: no primary image');
    const contents: HeicContents = {
      topLevelImages: ids.length,
      width: m.heif_image_handle_get_width(handle),
      height: m.heif_image_handle_get_height(handle),
      hasAlpha: m.heif_image_handle_has_alpha_channel(handle) !== 0,
    };
    beforeDecode?.(contents);
    const chroma = contents.hasAlpha ? m.heif_chroma.heif_chroma_interleaved_RGBA : m.heif_chroma.heif_chroma_interleaved_RGB;
    img = await m.heif_js_decode_image2(handle, m.heif_colorspace.heif_colorspace_RGB, chroma);
    if (!img || img.code !== undefined || !Array.isArray(img.channels)) throw new HeicDecodeError('HEIF: decoding failed');
    const plane = img.channels.find((c) => c.id.value === m.heif_channel.heif_channel_interleaved.value);
    if (!plane) throw new HeicDecodeError('HEIF: no interleaved plane');
    const channels: 3 | 4 = contents.hasAlpha ? 4 : 3;
    const rowBytes = plane.width * channels;
    let data: Uint8Array;
    if (plane.stride === rowBytes) {
      data = new Uint8Array(plane.data.buffer, plane.data.byteOffset, rowBytes * plane.height).slice();
    } else {
      data = new Uint8Array(rowBytes * plane.height);
      for (let y = 0; y < plane.height; y++) data.set(plane.data.subarray(y * plane.stride, y * plane.stride + rowBytes), y * rowBytes);
    }
    return { ...contents, width: plane.width, height: plane.height, data, channels };
  } catch (e) {
    // A wasm trap (e.g. out of memory) leaves the module unusable: load a fresh one next time.
    if (e instanceof Error && e.name === 'RuntimeError') lib = null;
    throw e;
  } finally {
    try {
      if (img?.image) m.heif_image_release(img.image);
      if (handle && handle.code === undefined) m.heif_image_handle_release(handle);
      if (ctx) m.heif_context_free(ctx);
    } catch {
      lib = null;
    }
  }
}
