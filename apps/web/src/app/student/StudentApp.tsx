import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import { ConfigProvider } from 'antd-mobile';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import enUS from 'antd-mobile/es/locales/en-US';
import { createQueryClient } from '../../lib/query-client.js';
import { useLang } from '../../lib/i18n.js';
import { StudentRoutes } from './StudentRoutes.js';

export function StudentApp() {
  const [client] = useState(createQueryClient);
  const { lang } = useLang();
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
        <BrowserRouter>
          <StudentRoutes />
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
