import type { StaffLoginRequest, StaffProfile } from '@gradphoto/contracts/accounts';
import { api } from '../../../lib/api-client.js';

export function staffLogin(body: StaffLoginRequest) {
  return api.post<{ staff: StaffProfile }>('/api/console/auth/login', body);
}
