import type {
  LoginRequest,
  OcrIdCardResponse,
  RegisterRequest,
  ResetPasswordRequest,
  StudentProfile,
} from '@gradphoto/contracts/accounts';
import { api } from '../../../lib/api-client.js';

export function login(body: LoginRequest) {
  return api.post<{ student: StudentProfile }>('/api/auth/login', body);
}

export function register(body: RegisterRequest) {
  return api.post<{ student: StudentProfile }>('/api/auth/register', body);
}

export function resetPassword(body: ResetPasswordRequest) {
  return api.post<unknown>('/api/auth/password-reset', body);
}

export function readIdCard(image: File) {
  const form = new FormData();
  form.append('image', image, image.name || 'id-card.jpg');
  return api.postForm<OcrIdCardResponse>('/api/ocr/id-card', form);
}
