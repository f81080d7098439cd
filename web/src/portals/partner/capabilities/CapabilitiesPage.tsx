import { SafetyCertificateFilled } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Input, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { formatTime } from '../../../components/format';
import { DownloadLink, StatusTag, useTx } from '../paths/ui';
import { artworkUrl, CAP_BASE, CAP_KEY, guideDate, useLabels, useResults, type CapabilityDownload, type CapabilityRecord, type CapabilityResult } from './api';
import { T } from './text';

const TABS = ['apply', 'results', 'records'] as const;

/**
 * 能力 > 能力认证 (spec 02 ops 45–47): 能力图标 with 下载伙伴能力图标, tabs 能力认证 (labels to apply for,
 * with their 6-month suspensions), 能力认证结果 (passed labels, badge and 昇腾云 certificate downloads,
 * 下载记录) and 能力认证记录 (search 请输入能力标签, 10 a page, 总数).
 */
export function CapabilitiesPage() {
  const tx = useTx();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'apply';
  const setTab = (k: string) => setParams({ tab: k }, { replace: true });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={tx(T.title)} data-testid="capabilities-page" extra={<Typography.Link onClick={() => setTab('results')}>{tx(T.badgesDownload)}</Typography.Link>}>
        <Typography.Paragraph type="secondary">{tx(T.intro)}</Typography.Paragraph>
        <Typography.Title level={5}>{tx(T.badges)}</Typography.Title>
        <CapabilityBadges />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'apply', label: <span data-testid="tab-cap-apply">{tx(T.tabApply)}</span>, children: <LabelsTab /> },
            { key: 'results', label: <span data-testid="tab-cap-results">{tx(T.tabResults)}</span>, children: <ResultsTab /> },
            { key: 'records', label: <span data-testid="tab-cap-records">{tx(T.tabRecords)}</span>, children: <RecordsTab /> },
          ]}
        />
      </Card>
    </Space>
  );
}

/** The partner's badges (徽章): one per level-1 label passed and within validity; also on 伙伴信息 > 基本信息. */
export function CapabilityBadges() {
  const tx = useTx();
  const results = useResults();
  const items = results.data?.items ?? [];
  if (results.isLoading) return <Typography.Text type="secondary">…</Typography.Text>;
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.noBadges)} data-testid="capability-badges-empty" />;
  return (
    <Space wrap size="middle" data-testid="capability-badges">
      {items.map((r) => (
        <div
          key={r.applicationId}
          data-testid={`capability-badge-${r.level1Label}`}
          style={{ border: '1px solid #f0c0c0', borderRadius: 8, padding: '8px 12px', background: '#fff7f6', minWidth: 180 }}
        >
          <Space align="start">
            <SafetyCertificateFilled style={{ color: '#c7000b', fontSize: 24 }} />
            <div>
              <Typography.Text strong>{r.level1Name}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {tx(T.badgeValid, { validity: r.validity })}
                </Typography.Text>
              </div>
            </div>
          </Space>
        </div>
      ))}
    </Space>
  );
}

/** 能力认证: the level-1 labels, each open, suspended (暂停受理至…) or in progress. */
function LabelsTab() {
  const tx = useTx();
  const navigate = useNavigate();
  const labels = useLabels();
  const items = labels.data?.items ?? [];
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => navigate(`${CAP_BASE}/apply`)} data-testid="capability-apply">
          {tx(T.apply)}
        </Button>
      </Space>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={tx(T.freezeNote)} />
      {labels.isLoading ? (
        <Card loading />
      ) : items.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((l) => (
            <Col xs={24} md={12} xl={8} key={l.key}>
              <Card size="small" title={l.name} data-testid={`capability-label-${l.key}`} style={{ height: '100%' }}>
                <Typography.Paragraph>{l.capability}</Typography.Paragraph>
                <Space wrap style={{ marginBottom: 8 }}>
                  {l.level2.map((x) => (
                    <Tag key={x.key} color={x.mandatory ? 'red' : undefined}>
                      {x.name}
                    </Tag>
                  ))}
                </Space>
                {l.suspendedUntil && (
                  <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid={`capability-suspended-${l.key}`} message={tx(T.suspendedNote, { until: guideDate(l.suspendedUntil) })} />
                )}
                {l.inProgress && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={tx(T.inProgressNote)} />}
                <div>
                  <Button
                    type="primary"
                    ghost
                    disabled={!!l.suspendedUntil || l.inProgress}
                    onClick={() => navigate(`${CAP_BASE}/apply?label=${encodeURIComponent(l.key)}`)}
                    data-testid={`capability-apply-${l.key}`}
                  >
                    {tx(T.apply)}
                  </Button>
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

/** 能力认证结果 and the 下载伙伴能力徽标 page's 下载记录. */
function ResultsTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const results = useResults();
  const qc = useQueryClient();
  const refreshDownloads = () => void qc.invalidateQueries({ queryKey: [...CAP_KEY, 'downloads'] });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const downloads = useQuery({
    queryKey: [...CAP_KEY, 'downloads', page, pageSize],
    queryFn: () => api.GET('/api/capabilities/downloads', { params: { query: { page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<CapabilityResult> = [
    { key: 'level1', title: tx(T.level1), dataIndex: 'level1Name' },
    { key: 'level2', title: tx(T.level2), render: (_, r) => r.level2.map((x) => <Tag key={x.key}>{x.name}</Tag>) },
    { key: 'validity', title: tx(T.validity), dataIndex: 'validity' },
    { key: 'passedAt', title: tx(T.passedAt), render: (_, r) => guideDate(r.passedAt) },
    { key: 'productName', title: tx(T.productName), render: (_, r) => r.productName ?? '--' },
    {
      key: 'op',
      title: t('common.operation'),
      render: (_, r) => (
        <Space>
          <DownloadLink url={artworkUrl(r.applicationId, 'badge')} onDone={refreshDownloads} testId={`capability-badge-download-${r.level1Label}`}>
            {tx(T.downloadBadge)}
          </DownloadLink>
          {r.certificateAvailable && (
            <DownloadLink url={artworkUrl(r.applicationId, 'certificate')} onDone={refreshDownloads} testId={`capability-cert-download-${r.level1Label}`}>
              {tx(T.downloadCert)}
            </DownloadLink>
          )}
        </Space>
      ),
    },
  ];
  const downloadColumns: TableColumnsType<CapabilityDownload> = [
    { key: 'label', title: tx(T.level1), dataIndex: 'level1Name' },
    { key: 'what', title: tx(T.downloadWhat), render: (_, d) => (d.what === 'badge' ? tx(T.badge) : tx(T.certificate)) },
    { key: 'by', title: tx(T.downloadedBy), render: (_, d) => d.actorName ?? '-' },
    { key: 'at', title: tx(T.downloadedAt), render: (_, d) => formatTime(d.downloadedAt) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text type="secondary">{tx(T.ascendOnly)}</Typography.Text>
      <Table<CapabilityResult>
        rowKey="applicationId"
        loading={results.isFetching}
        dataSource={results.data?.items ?? []}
        columns={columns}
        pagination={false}
        data-testid="capability-results"
        locale={{ emptyText: t('common.noData') }}
      />
      <Typography.Title level={5}>{tx(T.downloads)}</Typography.Title>
      <Table<CapabilityDownload>
        rowKey="id"
        size="small"
        loading={downloads.isFetching}
        dataSource={downloads.data?.items ?? []}
        columns={downloadColumns}
        data-testid="capability-downloads"
        locale={{ emptyText: t('common.noData') }}
        pagination={{
          current: page,
          pageSize,
          total: downloads.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => tx(T.totalCount, { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </Space>
  );
}

/** 能力认证记录: 一级能力标签 · 申请时间 · 评审结果 · 有效期 · 通过时间, 10 a page with 总数. */
function RecordsTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useQuery({
    queryKey: [...CAP_KEY, 'records', search, page, pageSize],
    queryFn: () => api.GET('/api/capabilities/applications', { params: { query: { search: search || undefined, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<CapabilityRecord> = [
    {
      key: 'level1',
      title: tx(T.level1),
      render: (_, r) => (
        <Link to={`${CAP_BASE}/records/${r.id}`} data-testid={`capability-record-${r.level1Label}`}>
          {r.level1Name}
        </Link>
      ),
    },
    { key: 'appliedAt', title: tx(T.appliedAt), render: (_, r) => guideDate(r.appliedAt) },
    { key: 'status', title: tx(T.result), render: (_, r) => <StatusTag status={r.status} name={r.statusName} testId={`capability-record-status-${r.level1Label}`} /> },
    { key: 'validity', title: tx(T.validity), render: (_, r) => r.validity ?? '--' },
    { key: 'passedAt', title: tx(T.passedAt), render: (_, r) => guideDate(r.passedAt) },
  ];
  return (
    <>
      <Input.Search
        allowClear
        placeholder={tx(T.searchPlaceholder)}
        style={{ width: 280, marginBottom: 16 }}
        data-testid="capability-search"
        onSearch={(v) => {
          setSearch(v.trim());
          setPage(1);
        }}
      />
      <Table<CapabilityRecord>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="capability-records"
        locale={{ emptyText: t('common.noData') }}
        expandable={{
          rowExpandable: (r) => r.level2.length > 0,
          expandedRowRender: (r) => (
            <Space wrap>
              {r.level2.map((x) => (
                <Tag key={x.key} color={x.result === 'passed' ? 'green' : x.result === 'failed' ? 'red' : 'blue'}>
                  {x.name}：{x.resultName}
                </Tag>
              ))}
            </Space>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => tx(T.totalCount, { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}
