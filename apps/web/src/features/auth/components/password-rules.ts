import type { FormInstance } from 'antd-mobile/es/components/form';
import { passwordProblemKey } from '../../../lib/id-number.js';

type T = (k: string) => string;

export function passwordRules(t: T) {
  return [
    { required: true, message: t('validation.passwordRequired') },
    {
      validator: (_: unknown, v: string | undefined) => {
        const key = passwordProblemKey(v);
        return key ? Promise.reject(new Error(t(key))) : Promise.resolve();
      },
    },
  ];
}

/** "Confirm password" must equal the `password` field. */
export function confirmRules(t: T, field = 'password') {
  return [
    { required: true, message: t('validation.confirmRequired') },
    ({ getFieldValue }: Pick<FormInstance, 'getFieldValue'>) => ({
      validator: (_: unknown, v: string | undefined) =>
        !v || v === getFieldValue(field)
          ? Promise.resolve()
          : Promise.reject(new Error(t('password.mismatch'))),
    }),
  ];
}
