/** Mainland China mobile number and email shapes, as the server's contracts check them. */
export const PHONE_RE = /^1[3-9]\d{9}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
