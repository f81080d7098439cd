import { Button, Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { ExportRecord } from '../api/types';
import { useFeedback } from '../components/feedback';
import { formatTime } from '../components/format';

export const EXPORTS_KEY = ['exports'] as const;

type StatusKind = 'running' | 'done' | 'failed';
const statusKind = (status: ExportRecord['status']): StatusKind => (status === 'completed' ? 'done' : status);

/**
 * Starts an export (POST /api/exports with the module's export kind, e.g. `org.members`) and
 * shows the guide's toast "导出任务创建成功".
 */
export function useCreateExport() {
  const { t } = useTranslation();
  const { message, handleError } = useFeedback();
  return async (request: { kind: string; params?: Record<string, unknown>; format?: 'xlsx' | 'csv' }) => {
    // Blank filters are left out: the export's params schema is strict.
    const params = Object.fromEntries(Object.entries(request.params ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    try {
      await api.POST('/api/exports', { body: { kind: request.kind, params, format: request.format ?? 'xlsx' } });
      void message.success(t('exports.created'));
      return true;
    } catch (err) {
      handleError(err);
      return false;
    }
  };
}

/** 导出记录: 文件名 / 导出类型 / 导出状态 / 创建时间 / 操作(下载). Polls while something is exporting. */
export function ExportsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const query = useQuery({
    queryKey: [...EXPORTS_KEY, page, pageSize],
    queryFn: () => api.GET('/api/exports', { params: { query: { page, pageSize } } }),
    refetchInterval: (q) => (q.state.data?.items.some((r) => statusKind(r.status) === 'running') ? 3000 : false),
  });
  const labels: Record<StatusKind, string> = { running: t('exports.running'), done: t('exports.done'), failed: t('exports.failed') };
  const colors: Record<StatusKind, string> = { running: 'processing', done: 'success', failed: 'error' };
  return (
    <Card title={t('exports.title')} extra={<Button onClick={() => query.refetch()}>{t('common.refresh')}</Button>}>
      <Table<ExportRecord>
        rowKey="id"
        loading={query.isLoading}
        dataSource={query.data?.items ?? []}
        data-testid="exports-table"
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('exports.fileName'), render: (_, r) => `${r.title}.${r.format}` },
          { title: t('exports.kind'), dataIndex: 'title' },
          {
            title: t('exports.status'),
            dataIndex: 'status',
            render: (status: ExportRecord['status'], r) => {
              const kind = statusKind(status);
              return (
                <Tag color={colors[kind]} data-testid="export-status" data-status={kind} title={r.error ?? undefined}>
                  {r.statusName || labels[kind]}
                </Tag>
              );
            },
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: formatTime },
          {
            title: t('common.operation'),
            render: (_, r) =>
              r.downloadable ? (
                <a href={`/api/exports/${r.id}/download`} data-testid="export-download">
                  {t('common.download')}
                </a>
              ) : (
                '-'
              ),
          },
        ]}
      />
    </Card>
  );
}
