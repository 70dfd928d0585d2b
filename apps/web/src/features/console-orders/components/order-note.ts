import type { ConsoleOrderDetail } from '@gradphoto/contracts/console-orders';
import { formatYuan } from '../../../lib/money.js';

type Entry = Pick<ConsoleOrderDetail['history'][number], 'note' | 'noteCode' | 'noteParams'>;

/**
 * A timeline entry's note in the console's language: its code worded with the parameters (`note.<code>`),
 * what a person typed as typed (`{{text}}`), and the English text of an old row without a code as it is.
 */
export function noteText(
  t: (key: string, params: Record<string, unknown>) => string,
  h: Entry,
): string | null {
  if (!h.noteCode) return h.note;
  const params: Record<string, unknown> = { ...h.noteParams, text: h.note ?? '' };
  if (typeof params.amountCents === 'number') params.amount = formatYuan(params.amountCents);
  return t(`note.${h.noteCode}`, params);
}
