import { useState } from 'react';
import { Button, Checkbox, Popup } from 'antd-mobile';
import { useLang } from '../../../lib/i18n.js';
import { LegalText, type LegalDoc } from '../../../components/student/LegalText.js';

/** Consent checkbox with links that open the agreement / privacy notice in a bottom sheet. */
export function AgreementField({ value, onChange }: { value?: boolean; onChange?: (v: boolean) => void }) {
  const { t } = useLang();
  const [doc, setDoc] = useState<LegalDoc | null>(null);
  return (
    <div className="agreement">
      <Checkbox checked={value === true} onChange={(c) => onChange?.(c)} data-testid="agree">
        {t('register.agreePrefix')}
      </Checkbox>
      <button type="button" className="text-link" onClick={() => setDoc('agreement')}>
        {t('legal.agreement.link')}
      </button>
      {t('register.and')}
      <button type="button" className="text-link" onClick={() => setDoc('privacy')}>
        {t('legal.privacy.link')}
      </button>
      <Popup
        visible={doc !== null}
        onMaskClick={() => setDoc(null)}
        onClose={() => setDoc(null)}
        bodyClassName="legal-popup"
        showCloseButton
      >
        {doc && <LegalText doc={doc} />}
        <Button
          block
          color="primary"
          shape="rounded"
          onClick={() => {
            onChange?.(true);
            setDoc(null);
          }}
        >
          {t('register.readAndAgree')}
        </Button>
      </Popup>
    </div>
  );
}
