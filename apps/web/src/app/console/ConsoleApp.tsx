import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { createQueryClient } from '../../lib/query-client.js';
import { useLang } from '../../lib/i18n.js';
import { useReducedMotion } from '../../lib/use-reduced-motion.js';
import { ConsoleRoutes } from './ConsoleRoutes.js';

export function ConsoleApp() {
  const [client] = useState(createQueryClient);
  const { lang } = useLang();
  const reducedMotion = useReducedMotion();
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        theme={{ token: { colorPrimary: '#2563eb', borderRadius: 8, motion: !reducedMotion } }}
      >
        <AntApp>
          <BrowserRouter basename="/console">
            <ConsoleRoutes />
          </BrowserRouter>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
