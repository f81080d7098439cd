import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatTime } from '../../../components/format';
import { DownloadLink, StatusTag, useTx } from '../paths/ui';
import { certificateUrl, listSolutions, ROUTES, solutionKeys, type Solution, type SolutionKind, type SolutionQuery } from './api';
import { STATUSES, T } from './text';

interface Filters {
  status?: SolutionQuery['status'];
  name?: string;
}

/**
 * 构建 > 云软件方案 / 先进云软件方案 (spec 02 ops 35–38): 创建, the list 方案名称 · 方案来源 · 版本号 ·
 * 行业大类 · 状态 · 有效期 · 最近更新时间 · 操作 (详情 / 编辑 / 重新认证 / 下载证书), expandable rows,
 * a status filter (即将到期 / 已过期 included), paged by the server.
 */
export function SolutionListPage({ kind }: { kind: SolutionKind }) {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const base = ROUTES[kind];
  const q = useQuery({
    queryKey: [...solutionKeys(kind), 'list', filters, page, pageSize],
    queryFn: () => listSolutions(kind, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<Solution> = [
    {
      key: 'name',
      title: tx(T.name),
      render: (_, s) => (
        <Link to={`${base}/${s.id}`} data-testid={`solution-link-${s.name}`}>
          {s.name}
        </Link>
      ),
    },
    { key: 'source', title: tx(T.source), dataIndex: 'sourceName' },
    { key: 'version', title: tx(T.version), render: (_, s) => s.version || '-' },
    { key: 'industry', title: tx(T.industry), render: (_, s) => s.industry || '-' },
    { key: 'status', title: tx(T.status), render: (_, s) => <StatusTag status={s.status} name={s.statusName} testId={`solution-status-${s.name}`} /> },
    { key: 'validity', title: tx(T.validity), dataIndex: 'validity' },
    { key: 'updatedAt', title: tx(T.updatedAt), render: (_, s) => formatTime(s.updatedAt) },
    {
      key: 'op',
      title: t('common.operation'),
      render: (_, s) => (
        <Space wrap data-testid={`solution-actions-${s.name}`}>
          <Link to={`${base}/${s.id}`}>{tx(T.detail)}</Link>
          {s.canEdit && (
            <Link to={`${base}/${s.id}/edit`} data-testid={`solution-edit-${s.name}`}>
              {t('common.edit')}
            </Link>
          )}
          {s.canRecertify && (
            <Link to={`${base}/${s.id}/recertify`} data-testid={`solution-recertify-${s.name}`}>
              {tx(T.recertify)}
            </Link>
          )}
          {s.canDownloadCertificate && (
            <DownloadLink url={certificateUrl(kind, s.id)} testId={`solution-certificate-${s.name}`}>
              {tx(T.downloadCert)}
            </DownloadLink>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={tx(T.kindTitle[kind])} data-testid={`solutions-${kind}`}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.prerequisite)} description={kind === 'cloud' ? tx(T.leadSync) : tx(T.recertifyNote)} />
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Button type="primary" onClick={() => navigate(`${base}/create`)} data-testid="solution-create">
          {tx(T.create[kind])}
        </Button>
        <Form
          form={filterForm}
          layout="inline"
          style={{ rowGap: 8 }}
          onFinish={(v) => {
            setFilters({ status: v.status, name: v.name?.trim() || undefined });
            setPage(1);
          }}
        >
          <Form.Item name="status" label={tx(T.status)}>
            <Select allowClear style={{ width: 160 }} data-testid="solution-filter-status" options={STATUSES.map(([value, name]) => ({ value, label: tx(name) }))} />
          </Form.Item>
          <Form.Item name="name">
            <Input allowClear placeholder={tx(T.namePlaceholder)} style={{ width: 200 }} data-testid="solution-filter-name" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="solution-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                filterForm.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
      </Space>
      <Table<Solution>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="solutions-table"
        locale={{ emptyText: t('common.noData') }}
        expandable={{
          expandedRowRender: (s) => (
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={tx(T.submittedAt)}>{formatTime(s.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={tx(T.validity)}>{s.validity}</Descriptions.Item>
              {s.rejectReason && <Descriptions.Item label={tx(T.rejectReason)}>{s.rejectReason}</Descriptions.Item>}
              {s.recertifying && (
                <Descriptions.Item label={tx(T.recertify)}>
                  <Typography.Text type={s.reviewState === 'in_review' ? undefined : 'danger'}>
                    {s.reviewState === 'in_review' ? tx(T.recertifying) : tx(T.recertifyRefused)}
                  </Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      <Typography.Text type="secondary">{tx(T.validityNote[kind])}</Typography.Text>
    </Card>
  );
}
