import { useRef, useState } from 'react';
import { SpinLoading, Toast } from 'antd-mobile';
import { CameraOutline } from 'antd-mobile-icons';
import { useQueryClient } from '@tanstack/react-query';
import type { StudentProfile } from '@gradphoto/contracts/accounts';
import { useLang } from '../../../lib/i18n.js';
import { downscaleImage } from '../../../lib/downscale-image.js';
import { sessionKey } from '../../../lib/session.js';
import { uploadAvatar } from '../api/account.js';

/** The avatar (or the name's first character); tapping it picks a new picture from the phone. */
export function AvatarPicker({ student }: { student: StudentProfile }) {
  const { t, errorText } = useLang('account');
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(() => Date.now());

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      await uploadAvatar(await downscaleImage(file, 800, 0.88));
      setVersion(Date.now());
      await qc.invalidateQueries({ queryKey: sessionKey });
      Toast.show({ icon: 'success', content: t('avatar.changed') });
    } catch (e) {
      Toast.show({ content: errorText(e) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <button
      type="button"
      className="avatar"
      onClick={() => input.current?.click()}
      aria-label={t('avatar.change')}
      data-testid="avatar"
    >
      {student.hasAvatar ? (
        <img className="avatar__img" src={`/api/me/avatar?v=${version}`} alt="" data-testid="avatar-img" />
      ) : (
        <span className="avatar__initial" aria-hidden="true">
          {Array.from(student.name)[0]}
        </span>
      )}
      <span className="avatar__badge">
        {busy ? <SpinLoading style={{ '--size': '12px' }} color="white" /> : <CameraOutline />}
      </span>
      <input
        ref={input}
        type="file"
        accept="image/*"
        hidden
        onChange={(e) => void onFile(e.target.files?.[0])}
        data-testid="avatar-file"
      />
    </button>
  );
}
