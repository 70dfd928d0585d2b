import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../../lib/i18n.js';
import { StudentApp } from './StudentApp.js';
import './student.css';

// Feature strings load with their pages (the console's are not the student app's business).
setupI18n(
  import.meta.glob<Record<string, unknown>>(
    ['../../features/*/locales/*.json', '!../../features/console-*/**'],
    {
      import: 'default',
    },
  ),
);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudentApp />
  </StrictMode>,
);
