import { useSearchParams } from 'react-router-dom';
import { readOrderForm } from './order-form.js';

/**
 * The order pages keep their choices in the URL (so the round trip to the address book keeps them):
 * the collection, the parsed form, the raw params, and `set(patch)` that replaces the given keys.
 */
export function useOrderParams() {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) next.set(k, v);
        return next;
      },
      { replace: true },
    );
  return { params, collectionId: params.get('collection'), form: readOrderForm(params), set };
}
