import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { BatchListResponse, SchoolListResponse } from '@gradphoto/contracts/console-batches';
import { api } from '../../lib/api-client.js';
import { withQuery } from './download.js';

/** A searchable batch picker (school · batch), server-side search, for filters and job forms. */
export function BatchSelect({
  value,
  onChange,
  placeholder,
  schoolId,
  style,
  testId,
}: {
  value?: string;
  onChange: (id: string | undefined) => void;
  placeholder: string;
  schoolId?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['console', 'batch-select', schoolId ?? '', q],
    queryFn: () =>
      api.get<BatchListResponse>(withQuery('/api/console/batches', { q, schoolId, pageSize: 30 })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  // keep the chosen batch listed even when the search moved on
  const chosen = useQuery({
    queryKey: ['console', 'batch', value ?? ''],
    queryFn: () => api.get<BatchListResponse['items'][number]>(`/api/console/batches/${value}`),
    enabled: Boolean(value),
    staleTime: 30_000,
  });
  const items = [
    ...(chosen.data ? [chosen.data] : []),
    ...(list.data?.items ?? []).filter((b) => b.id !== value),
  ];
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange(v || undefined)}
      onClear={() => setQ('')}
      placeholder={placeholder}
      loading={list.isFetching}
      style={{ minWidth: 260, ...style }}
      data-testid={testId}
      options={items.map((b) => ({ value: b.id, label: `${b.schoolName} · ${b.name}` }))}
    />
  );
}

/** A searchable school picker (a coordinator sees only their own). */
export function SchoolSelect({
  value,
  onChange,
  placeholder,
  style,
  testId,
}: {
  value?: string;
  onChange: (id: string | undefined) => void;
  placeholder: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['console', 'school-select', q],
    queryFn: () => api.get<SchoolListResponse>(withQuery('/api/console/schools', { q, pageSize: 30 })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(v) => onChange(v || undefined)}
      placeholder={placeholder}
      loading={list.isFetching}
      style={{ minWidth: 220, ...style }}
      data-testid={testId}
      options={(list.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}
