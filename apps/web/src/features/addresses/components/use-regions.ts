import { useEffect, useState } from 'react';
import type * as Regions from './region-options.js';

type RegionModule = typeof Regions;

/** The province/city/district data (160 KB), loaded only when an address form opens; null meanwhile. */
export function useRegions(): RegionModule | null {
  const [mod, setMod] = useState<RegionModule | null>(null);
  useEffect(() => {
    let alive = true;
    void import('./region-options.js').then((m) => {
      if (alive) setMod(m);
    });
    return () => {
      alive = false;
    };
  }, []);
  return mod;
}
