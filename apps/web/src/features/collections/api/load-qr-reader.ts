/** Reads a QR code; zxing-wasm (≈ 1 MB of .wasm) loads only when a code is read, not with the app. */
export async function readQr(input: Blob | ImageData): Promise<string | null> {
  const { readQrCode } = await import('./qr-reader.js');
  return readQrCode(input);
}
