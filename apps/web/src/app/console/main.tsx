import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../../lib/i18n.js';
import { ConsoleApp } from './ConsoleApp.js';
import './console.css';

setupI18n(
  import.meta.glob<Record<string, unknown>>('../../features/console-*/locales/*.json', {
    eager: true,
    import: 'default',
  }),
);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
