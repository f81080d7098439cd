import { Alert, Card, Empty, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fileUrl } from '../../../api/client';
import { KEYS, type MaterialPage, type MaterialRow } from './api';
import { T, tx, type Bi } from './text';

const COLORS: Record<string, string> = { passed: 'success', reviewing: 'processing', failed: 'error' };
const STATUSES: { value: MaterialRow['status']; label: Bi }[] = [
  { value: 'reviewing', label: { zh: '审核中', en: 'Under review' } },
  { value: 'passed', label: { zh: '已通过', en: 'Approved' } },
  { value: 'failed', label: { zh: '未通过', en: 'Not approved' } },
];

interface Kind {
  key: 'cases' | 'plans';
  title: Bi;
  note: Bi;
  name: Bi;
  file: Bi;
  time: Bi;
  empty: Bi;
  fetch: (query: { page: number; pageSize: number; status?: MaterialRow['status'] }) => Promise<MaterialPage>;
}

const KINDS: Record<'cases' | 'plans', Kind> = {
  cases: {
    key: 'cases',
    title: T.casesTitle,
    note: T.casesNote,
    name: T.caseName,
    file: T.caseFile,
    time: T.updatedAt,
    empty: T.casesEmpty,
    fetch: (query) => api.GET('/api/company/cases', { params: { query } }),
  },
  plans: {
    key: 'plans',
    title: T.plansTitle,
    note: T.plansNote,
    name: T.planName,
    file: T.planFile,
    time: T.uploadedAt,
    empty: T.plansEmpty,
    fetch: (query) => api.GET('/api/company/business-plans', { params: { query } }),
  },
};

/**
 * 伙伴信息 > 案例管理 and 商业计划 (spec 02 §2.6, ops 11–12): the cases and business plans submitted with
 * role and differentiation certification, read-only, paged by the server; the material downloads.
 */
export function MaterialsPage({ kind }: { kind: 'cases' | 'plans' }) {
  useTranslation();
  const k = KINDS[kind];
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [status, setStatus] = useState<MaterialRow['status'] | undefined>();
  const q = useQuery({
    queryKey: [...KEYS.materials, kind, page, pageSize, status],
    queryFn: () => k.fetch({ page, pageSize, status }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<MaterialRow> = [
    { key: 'name', title: tx(k.name), dataIndex: 'name' },
    {
      key: 'file',
      title: tx(k.file),
      render: (_, r) =>
        r.file ? (
          <a href={fileUrl(r.file.id)} target="_blank" rel="noreferrer" download={r.file.name} data-testid={`${kind}-file-${r.file.id}`}>
            {r.file.name}
          </a>
        ) : (
          '-'
        ),
    },
    {
      key: 'status',
      title: tx(T.status),
      render: (_, r) => (
        <Tag color={COLORS[r.status]} data-status={r.status}>
          {r.statusName}
        </Tag>
      ),
    },
    { key: 'comment', title: tx(T.reviewComment), render: (_, r) => r.reviewComment ?? '-' },
    { key: 'reviewer', title: tx(T.reviewer), render: (_, r) => r.reviewer ?? '-' },
    { key: 'time', title: tx(k.time), dataIndex: 'timeText', width: 180 },
  ];
  return (
    <Card title={tx(k.title)} data-testid={`${kind}-page`}>
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="info" showIcon message={tx(k.note)} />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={tx(T.allStatuses)}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={STATUSES.map((s) => ({ value: s.value, label: tx(s.label) }))}
          aria-label={tx(T.status)}
          data-testid={`${kind}-status-filter`}
        />
        <Table<MaterialRow>
          rowKey={(r) => `${r.certificationId}-${r.file?.id ?? r.name}`}
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          columns={columns}
          data-testid={`${kind}-table`}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(k.empty)} data-testid={`${kind}-empty`} /> }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => tx(T.total, { total }),
            onChange: (p, s) => {
              setPage(s !== pageSize ? 1 : p);
              setPageSize(s);
            },
          }}
        />
      </Space>
    </Card>
  );
}
