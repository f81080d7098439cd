import { EditOutlined } from '@ant-design/icons';
import { CapabilityBadges } from '../capabilities/CapabilitiesPage';
import { Alert, Button, Card, Descriptions, Empty, Image, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, fileUrl } from '../../../api/client';
import { DownloadLink } from '../paths/ui';
import { guideTime, INFO_BASE, KEYS, licenceUrl, useCompanyInfo, type ChangeRecord, type CompanyInfo } from './api';
import { CompanyInfoEditor } from './CompanyInfoEditor';
import { T, tx } from './text';

/**
 * 伙伴信息 > 基本信息 > 公司信息 (spec 02 ops 2–3, §3.1, R3–R5): 基本信息 / 详细信息 / 联系人信息 shared by
 * every account of the company; 修改 for the main account only (others are pointed to it); the
 * pending manual review, the re-certification prompt after a rename, and 修改记录 with before/after.
 */
export function CompanyInfoTab() {
  useTranslation();
  const info = useCompanyInfo();
  const [editing, setEditing] = useState(false);
  if (info.isLoading) return <Card loading />;
  if (!info.data) return <Alert type="error" showIcon message={info.error instanceof Error ? info.error.message : '-'} />;
  const c = info.data;
  if (editing) return <CompanyInfoEditor info={c} onClose={() => setEditing(false)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="company-info">
      <Alert type="info" showIcon message={tx(T.sharedNote)} />
      {/* 能力图标: the capability labels and badges the company holds (spec 02 §7) */}
      <CapabilityBadges />
      {!c.canModify && (
        <Alert
          type="warning"
          showIcon
          data-testid="company-main-only"
          message={c.modifyHint ?? tx(T.mainOnly)}
          description={c.mainAccountName ? tx(T.mainAccountIs, { name: c.mainAccountName }) : undefined}
        />
      )}
      {c.pendingChange && (
        <Alert type="info" showIcon data-testid="company-pending-change" message={tx(T.pendingChange, { status: c.pendingChange.statusName })} />
      )}
      {c.recertificationRequired && (
        <Alert
          type="warning"
          showIcon
          data-testid="company-recert-required"
          message={tx(T.recertRequired)}
          action={<Link to={`${INFO_BASE}/business`}>{tx(T.goRecertify)}</Link>}
        />
      )}
      <CompanyInfoView
        info={c}
        extra={
          c.canModify && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} disabled={!!c.pendingChange} data-testid="company-modify">
              {tx(T.modify)}
            </Button>
          )
        }
      />
      <ChangeLog />
    </Space>
  );
}

const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '-' : v);

function CompanyInfoView({ info: c, extra }: { info: CompanyInfo; extra: React.ReactNode }) {
  const b = c.basic;
  const d = c.details;
  return (
    <>
      <Card size="small" title={tx(T.basic)} extra={extra} data-testid="company-basic">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={tx(T.companyName)}>
            <span data-testid="company-name">{b.companyName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.uscc)}>
            <span data-testid="company-uscc">{c.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.taxCode)}>{dash(b.taxCode)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.licence)}>
            {b.licenceFile ? (
              <DownloadLink url={licenceUrl} testId="company-licence">
                {b.licenceFile.name}
              </DownloadLink>
            ) : (
              '-'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.registeredCapital)}>{dash(b.registeredCapital)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.foundedDate)}>{dash(b.foundedDate)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.businessTerm)}>{b.businessTermLongTerm ? tx(T.longTerm) : dash(b.businessTermEnd)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.licenceAddress)}>{dash(b.licenceAddress)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.legalPerson)}>{dash(b.legalPerson)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.businessScope)} span={2}>
            {dash(b.businessScope)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={tx(T.details)} data-testid="company-details">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={tx(T.postcode)}>{dash(d.postcode)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.province)}>{dash(d.province)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.city)}>{dash(d.city)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.staffSize)}>{d.staffSize ? tx({ zh: `${d.staffSize}人`, en: `${d.staffSize} people` }) : '-'}</Descriptions.Item>
          <Descriptions.Item label={tx(T.annualRevenue)}>{dash(d.annualRevenue)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.logo)}>{d.logoFileId ? <Image src={fileUrl(d.logoFileId)} height={40} alt={tx(T.logo)} /> : '-'}</Descriptions.Item>
          <Descriptions.Item label={tx(T.website)}>{dash(d.website)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.companyEmail)}>{dash(d.companyEmail)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.intro)} span={2}>
            {dash(d.intro)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={tx(T.contacts)} data-testid="company-contacts">
        <Table
          rowKey={(r) => `${r.name}-${r.mobile}`}
          size="small"
          pagination={false}
          dataSource={c.contacts}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.noContacts)} /> }}
          columns={[
            { key: 'name', title: tx(T.contactName), dataIndex: 'name' },
            { key: 'mobile', title: tx(T.contactMobile), dataIndex: 'mobile' },
            { key: 'email', title: tx(T.contactEmail), dataIndex: 'email' },
          ]}
        />
      </Card>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// 修改记录: newest first, paged by the server; a row expands into its before/after comparison.

const CHANGE_COLORS: Record<string, string> = { applied: 'success', approved: 'success', in_review: 'processing', rejected: 'error' };

type Contact = { name: string; mobile: string; email: string };
const isContacts = (v: unknown): v is Contact[] => Array.isArray(v) && v.every((x) => x && typeof x === 'object' && 'name' in x);

/** A before/after value, readable: files as links, yes/no, contacts one a line. */
export function ChangeValue({ field, value }: { field: string; value: unknown }) {
  if (value === null || value === undefined || value === '') return <>-</>;
  if ((field === 'licenceFileId' || field === 'logoFileId') && typeof value === 'string')
    return (
      <a href={fileUrl(value)} target="_blank" rel="noreferrer">
        {tx(field === 'licenceFileId' ? T.viewLicence : T.logo)}
      </a>
    );
  if (typeof value === 'boolean') return <>{tx(value ? { zh: '是', en: 'Yes' } : { zh: '否', en: 'No' })}</>;
  if (isContacts(value))
    return (
      <Space direction="vertical" size={0}>
        {value.map((c, i) => (
          <span key={i}>
            {c.name} · {c.mobile} · {c.email}
          </span>
        ))}
      </Space>
    );
  return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
}

export function ChangeComparison({ record }: { record: Pick<ChangeRecord, 'changes'> }) {
  return (
    <Table
      rowKey={(r) => `${r.section}.${r.field}`}
      size="small"
      pagination={false}
      dataSource={record.changes}
      data-testid="change-compare"
      columns={[
        { key: 'field', title: tx(T.field), dataIndex: 'label', width: 200 },
        { key: 'before', title: tx(T.before), render: (_, r) => <ChangeValue field={r.field} value={r.before} /> },
        { key: 'after', title: tx(T.after), render: (_, r) => <ChangeValue field={r.field} value={r.after} /> },
      ]}
    />
  );
}

function ChangeLog() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useQuery({
    queryKey: [...KEYS.changes, page, pageSize],
    queryFn: () => api.GET('/api/company/info/changes', { params: { query: { page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ChangeRecord> = [
    { key: 'createdAt', title: tx(T.submittedAt), render: (_, r) => guideTime(r.createdAt), width: 180 },
    { key: 'changes', title: tx(T.changedFields), render: (_, r) => r.changes.map((c) => c.label).join('、') },
    {
      key: 'status',
      title: tx(T.status),
      render: (_, r) => (
        <Tag color={CHANGE_COLORS[r.status]} data-testid={`change-status-${r.id}`} data-status={r.status}>
          {r.statusName}
        </Tag>
      ),
    },
    { key: 'by', title: tx(T.submittedBy), render: (_, r) => r.submittedBy ?? '-' },
    { key: 'decidedAt', title: tx(T.decidedAt), render: (_, r) => guideTime(r.decidedAt) },
    {
      key: 'reason',
      title: tx(T.failReason),
      render: (_, r) =>
        r.rejectReason ? (
          <Typography.Text type="danger">{r.rejectReason}</Typography.Text>
        ) : r.autoCheckFailures.length && r.status === 'in_review' ? (
          <Typography.Text type="secondary">{r.autoCheckFailures.map((f) => f.text).join('；')}</Typography.Text>
        ) : (
          '-'
        ),
    },
  ];
  return (
    <Card size="small" title={tx(T.changeLog)} data-testid="company-change-log">
      <Typography.Paragraph type="secondary">{tx(T.resubmitHint)}</Typography.Paragraph>
      <Table<ChangeRecord>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        expandable={{ expandedRowRender: (r) => <ChangeComparison record={r} />, rowExpandable: (r) => r.changes.length > 0 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.changeLogEmpty)} /> }}
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
    </Card>
  );
}
