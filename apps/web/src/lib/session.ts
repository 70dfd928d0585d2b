import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CentreInfo, SessionResponse } from '@gradphoto/contracts/accounts';
import { api } from './api-client.js';

export const sessionKey = ['session'] as const;
export const centreKey = ['centre'] as const;

/** Who is logged in on this browser (student, staff or nobody). */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: () => api.get<SessionResponse>('/api/auth/session'),
    staleTime: 30_000,
  });
}

/** Centre name, phone and service hours for headers and help. */
export function useCentre() {
  return useQuery({
    queryKey: centreKey,
    queryFn: () => api.get<CentreInfo>('/api/centre'),
    staleTime: Infinity,
  });
}

/** The centre's name in the UI language (`CENTRE_NAME_EN` in English); '' while it loads. */
export function centreName(centre: CentreInfo | undefined, lang: string): string {
  if (!centre) return '';
  return lang === 'en' ? centre.nameEn : centre.name;
}

/** The centre's service hours in the UI language (`CENTRE_SERVICE_HOURS_EN` in English); '' while it loads. */
export function centreHours(centre: CentreInfo | undefined, lang: string): string {
  if (!centre) return '';
  return lang === 'en' ? centre.serviceHoursEn : centre.serviceHours;
}

/** After login/logout: drop the CSRF token (the session changed) and cached data, then reload the session. */
export function useSessionChanged() {
  const qc = useQueryClient();
  return async (session?: SessionResponse) => {
    api.resetCsrf();
    if (session) qc.setQueryData(sessionKey, session);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] && q.queryKey[0] !== centreKey[0] });
    await qc.invalidateQueries({ queryKey: sessionKey });
  };
}

/** Logs out (student or staff endpoint) and clears cached data. */
export function useLogout(path = '/api/auth/logout') {
  const changed = useSessionChanged();
  return async () => {
    try {
      await api.post(path);
    } finally {
      await changed({ student: null, staff: null });
    }
  };
}
