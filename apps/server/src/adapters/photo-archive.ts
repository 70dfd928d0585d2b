/**
 * Streaming ZIP of photos plus a manifest XLSX, written to a temporary directory: archiver (MIT) for the
 * ZIP, exceljs's streaming WorkbookWriter (MIT) for the manifest. Neither holds more than a few photos
 * or rows in memory, so an export of 20,000 photos runs in bounded memory.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZipArchive } from 'archiver';
import ExcelJS from 'exceljs';

export interface PhotoArchive {
  /** Adds a photo file; waits while the archive is behind so buffers don't pile up. */
  addPhoto(name: string, bytes: Buffer): Promise<void>;
  /** Adds one manifest row (every cell written as text, so ID and student numbers keep every digit). */
  addManifestRow(cells: string[]): void;
  /** Puts the manifest into the ZIP and closes it: the ZIP's path and size. */
  finish(): Promise<{ path: string; bytes: number }>;
  /** Removes the temporary files (call it whatever happened). */
  cleanup(): Promise<void>;
}

/** How many appended photos may wait to be written before addPhoto waits. */
const MAX_PENDING = 16;

export async function createPhotoArchive(opts: { manifestName: string; sheetName: string; header: readonly string[]; widths?: number[] }): Promise<PhotoArchive> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gp-export-'));
  const zipPath = path.join(dir, 'export.zip');
  const manifestPath = path.join(dir, 'manifest.xlsx');

  const out = createWriteStream(zipPath);
  // JPEGs and XLSX are compressed already: store them
  const zip = new ZipArchive({ store: true });
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
  };
  zip.on('error', fail);
  zip.on('warning', fail);
  out.on('error', fail);
  zip.pipe(out);

  let pending = 0;
  const waiting: Array<() => void> = [];
  zip.on('entry', () => {
    pending -= 1;
    waiting.shift()?.();
  });

  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: manifestPath, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(opts.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.header.map((h, i) => ({ header: h, key: `c${i}`, width: opts.widths?.[i] ?? 14, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();

  return {
    async addPhoto(name, bytes) {
      if (failure) throw failure;
      pending += 1;
      zip.append(bytes, { name, date: new Date() });
      while (pending > MAX_PENDING && !failure) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure) throw failure;
    },
    addManifestRow(cells) {
      ws.addRow(cells).commit();
    },
    async finish() {
      ws.commit();
      await wb.commit();
      zip.file(manifestPath, { name: opts.manifestName });
      const closed = once(out, 'close');
      await zip.finalize();
      await closed;
      if (failure) throw failure;
      return { path: zipPath, bytes: (await stat(zipPath)).size };
    },
    async cleanup() {
      if (!out.closed) out.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
