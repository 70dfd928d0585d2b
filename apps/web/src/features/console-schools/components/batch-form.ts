import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { BatchCreate, BatchOptionsResponse, BatchView } from '@gradphoto/contracts/console-batches';

/** The batch form's values: prices in yuan, the window as two optional dates. */
export interface BatchFormValues {
  name: string;
  mode: BatchView['mode'];
  regionCode: string;
  priceNoPrints: number;
  priceWithPrints: number;
  payer: BatchView['payer'];
  specId: string;
  background: string;
  capturePolicy: BatchView['capturePolicy'];
  window: [Dayjs | null, Dayjs | null] | null;
}

export const BATCH_FORM_FIELDS = [
  'name',
  'mode',
  'regionCode',
  'priceNoPrints',
  'priceWithPrints',
  'payer',
  'specId',
  'background',
  'capturePolicy',
  'window',
] as const;

/** Yuan (as typed, up to 2 decimals) → whole cents. */
export const toCents = (yuan: number | null | undefined): number => Math.round((yuan ?? 0) * 100);

export function formValues(b: BatchView | null): BatchFormValues {
  if (!b)
    return {
      name: '',
      mode: 'centralized',
      regionCode: '',
      priceNoPrints: 20,
      priceWithPrints: 35,
      payer: 'student',
      specId: 'xuexin',
      background: '#28BEFA',
      capturePolicy: 'album_allowed',
      window: null,
    };
  return {
    name: b.name,
    mode: b.mode,
    regionCode: b.regionCode,
    priceNoPrints: b.priceNoPrintsCents / 100,
    priceWithPrints: b.priceWithPrintsCents / 100,
    payer: b.payer,
    specId: b.specId,
    background: b.background,
    capturePolicy: b.capturePolicy,
    window:
      b.opensAt || b.closesAt
        ? [b.opensAt ? dayjs(b.opensAt) : null, b.closesAt ? dayjs(b.closesAt) : null]
        : null,
  };
}

/** The request body (without schoolId) from the form's values. */
export function requestBody(v: BatchFormValues): Omit<BatchCreate, 'schoolId'> {
  const [opens, closes] = v.window ?? [null, null];
  return {
    name: v.name,
    mode: v.mode,
    regionCode: v.regionCode ?? '',
    priceNoPrintsCents: toCents(v.priceNoPrints),
    priceWithPrintsCents: toCents(v.priceWithPrints),
    payer: v.payer,
    specId: v.specId,
    background: v.background,
    capturePolicy: v.capturePolicy,
    opensAt: opens ? opens.toISOString() : null,
    closesAt: closes ? closes.toISOString() : null,
  };
}

/** Server field paths → form fields (the prices and dates are named differently in the form). */
export function formFieldOf(path: string): (typeof BATCH_FORM_FIELDS)[number] | null {
  const name = path.replace(/^body[./]/, '').split(/[./]/)[0] ?? '';
  if (name === 'priceNoPrintsCents') return 'priceNoPrints';
  if (name === 'priceWithPrintsCents') return 'priceWithPrints';
  if (name === 'opensAt' || name === 'closesAt') return 'window';
  return (BATCH_FORM_FIELDS as readonly string[]).includes(name)
    ? (name as (typeof BATCH_FORM_FIELDS)[number])
    : null;
}

/** The colours offered for a spec: its own backgrounds, then the presets, each once (upper-case hex). */
export function backgroundChoices(
  options: BatchOptionsResponse | undefined,
  specId: string,
): Array<{ hex: string; name: { zh: string; en: string } | null }> {
  if (!options) return [];
  const spec = options.specs.find((s) => s.id === specId);
  const seen = new Set<string>();
  const out: Array<{ hex: string; name: { zh: string; en: string } | null }> = [];
  for (const hex of [...(spec?.backgrounds ?? []), ...options.backgrounds.map((b) => b.hex)]) {
    const h = hex.toUpperCase();
    if (seen.has(h)) continue;
    seen.add(h);
    out.push({ hex: h, name: options.backgrounds.find((b) => b.hex.toUpperCase() === h)?.name ?? null });
  }
  return out;
}
