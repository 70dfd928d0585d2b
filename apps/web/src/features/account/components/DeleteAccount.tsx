import { useState } from 'react';
import { Button, Checkbox, Dialog, Form, Input, Selector, SpinLoading, Toast } from 'antd-mobile';
import { SheetPopup } from '../../../components/student/SheetPopup.js';
import type { ErasureOrder } from '@gradphoto/contracts/privacy';
import { useLang } from '../../../lib/i18n.js';
import { isApiError } from '../../../lib/api-client.js';
import { fieldErrors } from '../../../lib/form-errors.js';
import { useCountdown } from '../../../lib/use-countdown.js';
import { useSessionChanged } from '../../../lib/session.js';
import { FormError } from '../../../components/student/FormError.js';
import { SubmitFooter } from '../../../components/student/SubmitFooter.js';
import { eraseAccount, sendErasureCode, useErasureStatus } from '../api/account.js';

type Method = 'password' | 'code';
interface Values {
  password?: string;
  code?: string;
  understood?: boolean;
}

/**
 * "删除账号和个人信息": what is deleted and what is kept, the paid orders that block it (with their numbers),
 * then a confirmation with the password or a code to the student's own phone (or email), and a last dialog.
 */
export function DeleteAccount({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, errorText, pick } = useLang('account');
  const status = useErasureStatus(open);
  const sessionChanged = useSessionChanged();
  const [form] = Form.useForm<Values>();
  const [method, setMethod] = useState<Method>('password');
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { left, start } = useCountdown();
  const s = status.data;

  const orderList = (orders: ErasureOrder[]) => orders.map((o) => o.orderNo).join(t('erase.listSeparator'));

  const sendCode = async () => {
    setSending(true);
    setError(null);
    try {
      const res = await sendErasureCode();
      start(res.retryAfterSeconds || 60);
      Toast.show({ icon: 'success', content: t('erase.codeSent', { target: res.targetMasked }) });
    } catch (e) {
      const wait = isApiError(e) ? e.retryAfterSeconds : null;
      if (wait) start(wait);
      setError(errorText(e));
    } finally {
      setSending(false);
    }
  };

  const submit = async (v: Values) => {
    const ok = await Dialog.confirm({
      title: t('erase.confirmTitle'),
      content: t('erase.confirmBody'),
      confirmText: <span style={{ color: 'var(--adm-color-danger)' }}>{t('erase.confirmOk')}</span>,
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await eraseAccount(
        method === 'password'
          ? { method, password: v.password ?? '' }
          : { method, code: (v.code ?? '').trim() },
      );
      Toast.show({ icon: 'success', content: t('erase.done'), duration: 3000 });
      onClose();
      // the server ended the session: forget everything cached; the routes send the browser to /login
      await sessionChanged({ student: null, staff: null });
    } catch (e) {
      const fields = fieldErrors(e, pick, ['password', 'code']);
      if (fields.length) form.setFields(fields);
      setError(errorText(e));
      if (isApiError(e) && e.code === 'ERASURE_BLOCKED') void status.refetch();
    } finally {
      setBusy(false);
    }
  };

  const codeLabel = s?.codeChannel === 'email' ? t('erase.method.email') : t('erase.method.sms');
  const deleteItems = t('erase.deleteItems', { returnObjects: true }) as unknown;
  const keepItems = t('erase.keepItems', { returnObjects: true }) as unknown;
  const items = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);

  return (
    <SheetPopup
      open={open}
      onClose={onClose}
      title={t('erase.title')}
      titleTestId="erase-title"
      destroyOnClose
    >
      <p className="sheet-popup__hint erase-lead">{t('erase.lead')}</p>
      <section className="erase-box erase-box--delete">
        <div className="erase-box__title">{t('erase.willDelete')}</div>
        <ul>
          {items(deleteItems).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
      <section className="erase-box erase-box--keep">
        <div className="erase-box__title">{t('erase.willKeep')}</div>
        <ul>
          {items(keepItems).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {s && s.keptOrders.length > 0 && (
          <p className="erase-box__orders" data-testid="erase-kept-orders">
            {t('erase.keptOrders', { orders: orderList(s.keptOrders) })}
          </p>
        )}
        {s && s.closedOrders.length > 0 && (
          <p className="erase-box__orders" data-testid="erase-closed-orders">
            {t('erase.closedOrders', { orders: orderList(s.closedOrders) })}
          </p>
        )}
      </section>
      <p className="account-note erase-after">{t('erase.afterwards')}</p>

      {status.isPending && (
        <div className="erase-loading">
          <SpinLoading />
        </div>
      )}
      {status.isError && <FormError message={t('erase.loadFailed')} />}

      {s && !s.allowed && (
        <section className="erase-blocked" role="alert" data-testid="erase-blocked">
          <div className="erase-blocked__title">{t('erase.blockedTitle')}</div>
          <p>{t('erase.blockedBody')}</p>
          <ul>
            {s.blockingOrders.map((o) => (
              <li key={o.orderNo}>
                <span className="erase-blocked__no">{o.orderNo}</span>
                <span className="erase-blocked__state">{t(`erase.orderStatus.${o.status}`)}</span>
              </li>
            ))}
          </ul>
          {error && <FormError message={error} />}
        </section>
      )}

      {s?.allowed && (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          footer={
            <SubmitFooter
              error={error}
              busy={busy}
              label={t('erase.submit')}
              color="danger"
              testId="erase-submit"
            />
          }
        >
          <Form.Header>{t('erase.confirmWith')}</Form.Header>
          <Form.Item>
            <Selector
              columns={2}
              value={[method]}
              onChange={(v) => {
                if (v[0]) setMethod(v[0]);
                setError(null);
              }}
              options={[
                { label: t('erase.method.password'), value: 'password' as Method },
                { label: codeLabel, value: 'code' as Method },
              ]}
              data-testid="erase-method"
            />
          </Form.Item>
          {method === 'password' ? (
            <Form.Item
              name="password"
              label={t('erase.password')}
              rules={[{ required: true, message: t('erase.passwordRequired') }]}
            >
              <Input
                type="password"
                autoComplete="current-password"
                placeholder={t('erase.passwordPlaceholder')}
                name="password"
                data-testid="erase-password"
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="code"
              label={t('erase.code')}
              description={t('erase.codeTo', { target: s.codeTargetMasked })}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('erase.codeInvalid') }]}
              extra={
                <Button
                  size="small"
                  color="primary"
                  fill="none"
                  disabled={left > 0}
                  loading={sending}
                  onClick={() => void sendCode()}
                  data-testid="erase-send-code"
                >
                  {left > 0 ? t('erase.resend', { s: left }) : t('erase.sendCode')}
                </Button>
              }
            >
              <Input
                inputMode="numeric"
                maxLength={6}
                placeholder={t('erase.codePlaceholder')}
                name="code"
                data-testid="erase-code"
              />
            </Form.Item>
          )}
          <Form.Item
            name="understood"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error(t('erase.understoodRequired'))),
              },
            ]}
          >
            <Checkbox data-testid="erase-understood">{t('erase.understood')}</Checkbox>
          </Form.Item>
        </Form>
      )}
    </SheetPopup>
  );
}
