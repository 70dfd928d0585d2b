/** The JSON report the CLI writes for each photo (also what the server stores). */
import { isPhotoError } from './errors.js';
import type { FaceReport, ProcessResult } from './process.js';
import type { CheckResult, LocalizedMessage, Verdict } from './types.js';

export interface Report {
  file: string;
  verdict: Verdict;
  checks: CheckResult[];
  face: FaceReport | null;
  output: { width: number; height: number; bytes: number; quality: number; spec: string; background: string } | null;
  timings: Record<string, number>;
  /** present when the input could not be processed at all (bad file); the verdict is then reject */
  error?: { code: string; message: LocalizedMessage };
}

export function buildReport(file: string, r: ProcessResult): Report {
  return {
    file,
    verdict: r.verdict,
    checks: r.checks,
    face: r.face ?? null,
    output: r.output
      ? {
          width: r.output.width,
          height: r.output.height,
          bytes: r.output.bytes.byteLength,
          quality: r.output.quality,
          spec: r.output.spec,
          background: r.output.background,
        }
      : null,
    timings: r.timings,
  };
}

export function errorReport(file: string, e: unknown): Report {
  let error: Report['error'];
  if (isPhotoError(e)) error = { code: e.code, message: e.localized };
  else if (e instanceof Error && 'code' in e && e.code === 'ENOENT') {
    error = { code: 'FILE_NOT_FOUND', message: { zh: `找不到文件：${file}`, en: `File not found: ${file}` } };
  } else {
    const msg = e instanceof Error ? e.message : String(e);
    error = { code: 'INTERNAL', message: { zh: `处理失败：${msg}`, en: `Processing failed: ${msg}` } };
  }
  return { file, verdict: 'reject', checks: [], face: null, output: null, timings: {}, error };
}
