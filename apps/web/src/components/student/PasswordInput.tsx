import { useState } from 'react';
import { Input } from 'antd-mobile';
import { EyeInvisibleOutline, EyeOutline } from 'antd-mobile-icons';
import { useLang } from '../../lib/i18n.js';

/** Password input with a show/hide eye (works as a controlled Form.Item child). */
export function PasswordInput(props: {
  value?: string;
  onChange?: (v: string) => void;
  placeholder?: string;
  autoComplete?: string;
  name?: string;
}) {
  const [visible, setVisible] = useState(false);
  const { t } = useLang();
  return (
    <div className="password-input">
      <Input
        type={visible ? 'text' : 'password'}
        value={props.value}
        onChange={props.onChange}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        name={props.name}
      />
      <button
        type="button"
        className="icon-button icon-button--muted"
        onClick={() => setVisible((v) => !v)}
        aria-label={t(visible ? 'password.hide' : 'password.show')}
      >
        {visible ? <EyeOutline /> : <EyeInvisibleOutline />}
      </button>
    </div>
  );
}
