import { useLang } from '../../lib/i18n.js';

export type LegalDoc = 'agreement' | 'privacy';

/** The short user agreement or privacy notice (text lives in the locale files). */
export function LegalText({ doc }: { doc: LegalDoc }) {
  const { t } = useLang();
  const paragraphs = t(`legal.${doc}.body`, { returnObjects: true }) as unknown;
  return (
    <article className="legal-text">
      <h2>{t(`legal.${doc}.title`)}</h2>
      {(Array.isArray(paragraphs) ? (paragraphs as string[]) : []).map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </article>
  );
}
