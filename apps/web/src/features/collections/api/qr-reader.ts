import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;

/** zxing-wasm fetches its .wasm from a CDN unless told otherwise: serve the file bundled from node_modules. */
function prepare() {
  if (prepared) return;
  prepared = true;
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
    },
  });
}

/** The text of the first QR code in an image (a file, or a video frame); null when there is none. */
export async function readQrCode(input: Blob | ImageData): Promise<string | null> {
  prepare();
  const results = await readBarcodes(input, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1 });
  const hit = results.find((r) => r.isValid && r.text.trim().length > 0);
  return hit ? hit.text.trim() : null;
}
