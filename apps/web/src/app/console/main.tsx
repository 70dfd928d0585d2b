import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '../../lib/i18n.js';
import { ConsoleApp } from './ConsoleApp.js';
import './console.css';

setupI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConsoleApp />
  </StrictMode>,
);
