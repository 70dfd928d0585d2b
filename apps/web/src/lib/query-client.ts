import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client.js';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // 4xx answers are final; retry network/5xx once.
        retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 1,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
