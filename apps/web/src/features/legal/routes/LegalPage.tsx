import { useLang } from '../../../lib/i18n.js';
import { AuthShell } from '../../../components/student/AuthShell.js';
import { LegalText, type LegalDoc } from '../../../components/student/LegalText.js';

export function LegalPage({ doc }: { doc: LegalDoc }) {
  const { t } = useLang();
  return (
    <AuthShell title={t(`legal.${doc}.title`)} back>
      <div className="card">
        <LegalText doc={doc} />
      </div>
    </AuthShell>
  );
}
