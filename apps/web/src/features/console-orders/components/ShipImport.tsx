import { useState } from 'react';
import { Alert, App, Button, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ShipImportRowError } from '@gradphoto/contracts/console-shipping';
import { isApiError } from '../../../lib/api-client.js';
import { useLang } from '../../../lib/i18n.js';
import { importShipments } from '../api/orders.js';

/** Mark many orders shipped from a CSV/XLSX (订单号, 快递公司, 快递单号): all rows or none, bad rows listed. */
export function ShipImport({ onShipped }: { onShipped: () => void }) {
  const { t, errorText, pick } = useLang('console-orders');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<ShipImportRowError[]>([]);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setRows([]);
    try {
      const r = await importShipments(file);
      void message.success(t('shipImport.done', { n: r.shipped }));
      onShipped();
    } catch (e) {
      setError(errorText(e));
      if (isApiError(e) && Array.isArray(e.data.rows)) setRows(e.data.rows as ShipImportRowError[]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="ship-import">
      <Typography.Paragraph type="secondary">{t('shipImport.hint')}</Typography.Paragraph>
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        beforeUpload={(f) => {
          void upload(f);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="ship-import-button">
          {t('shipImport.button')}
        </Button>
      </Upload>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginTop: 12 }}
          data-testid="ship-import-error"
        />
      )}
      {rows.length > 0 && (
        <Table<ShipImportRowError>
          size="small"
          style={{ marginTop: 12 }}
          rowKey={(r) => `${r.row}-${r.code}`}
          dataSource={rows}
          pagination={{ pageSize: 8, size: 'small' }}
          data-testid="ship-import-rows"
          columns={[
            { title: t('shipImport.row'), dataIndex: 'row', width: 70 },
            { title: t('col.orderNo'), dataIndex: 'orderNo', width: 210 },
            { title: t('shipImport.problem'), key: 'm', render: (_: unknown, r) => pick(r.message) },
          ]}
        />
      )}
    </div>
  );
}
