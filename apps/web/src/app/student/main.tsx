import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../../lib/i18n.js';
import { StudentApp } from './StudentApp.js';
import './student.css';

setupI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudentApp />
  </StrictMode>,
);
