import { useQuery } from '@tanstack/react-query';
import type { CaptchaResponse } from '@gradphoto/contracts/accounts';
import { api } from './api-client.js';

/** A captcha challenge per `scope` (one form), fetched only while `enabled`; `refetch()` gives a new one. */
export function useCaptcha(scope: string, enabled: boolean) {
  return useQuery({
    queryKey: ['captcha', scope],
    queryFn: () => api.get<CaptchaResponse>('/api/auth/captcha'),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
  });
}

/** The SVG as a data URL for an <img> (never injected as HTML). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
