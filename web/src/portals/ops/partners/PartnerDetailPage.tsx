import { Alert, Button, Card, Descriptions, Empty, Result, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, fileUrl, type ApiData } from '../../../api/client';
import { formatDate, formatTime } from '../../../components/format';
import { PARTNERS_BASE } from './PartnersPage';
import { T, bi, tx } from './text';

type Detail = ApiData<'/api/ops/partners/{partnerId}', 'get'>;
type ReviewLink = Detail['openReviews']['items'][number];
type AuditItem = Detail['audit']['items'][number];

const REVIEWS_BASE = '/ops/reviews';
/** The detail carries the newest 20 audit entries (server: AUDIT_PREVIEW). */
const AUDIT_PREVIEW = 20;
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '-' : String(v));
const period = (from: string | null, to: string | null) => (from || to ? `${formatDate(from)} ~ ${formatDate(to)}` : '-');

function ReviewLinkCell({ id }: { id: string | null }) {
  return id ? <Link to={`${REVIEWS_BASE}/${id}`}>{tx(T.viewReview)}</Link> : <>-</>;
}

function ReviewTable({ items, testId }: { items: ReviewLink[]; testId: string }) {
  return (
    <Table<ReviewLink>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      data-testid={testId}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      columns={[
        { title: tx(T.kind), render: (_, r) => bi(r.kindTitle) },
        { title: tx(T.summary), dataIndex: 'summary', render: dash },
        { title: tx(T.stage), render: (_, r) => bi(r.stageName) },
        { title: tx(T.status), render: (_, r) => <Tag>{bi(r.statusName)}</Tag> },
        { title: tx(T.rejectReason), dataIndex: 'rejectReason', render: dash },
        { title: tx(T.submittedAt), dataIndex: 'submittedAt', render: formatTime },
        { title: tx(T.decidedAt), dataIndex: 'decidedAt', render: formatTime },
        { title: tx(T.operation), render: (_, r) => <ReviewLinkCell id={r.id} /> },
      ]}
    />
  );
}

const auditColumns = () => [
  { title: tx(T.at), dataIndex: 'at', render: formatTime },
  { title: tx(T.actor), render: (_: unknown, r: AuditItem) => r.actorName ?? r.actorKind },
  { title: tx(T.action), dataIndex: 'action' },
  { title: tx(T.target), render: (_: unknown, r: AuditItem) => `${r.objectType}${r.objectId ? ' · ' + r.objectId : ''}` },
  { title: tx(T.ip), dataIndex: 'ip', render: dash },
];
const auditExpand = {
  rowExpandable: (r: AuditItem) => r.before != null || r.after != null,
  expandedRowRender: (r: AuditItem) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre>,
};

/** 操作日志: pages through the console's audit search for this partner (the detail carries the first page). */
function AuditTab({ partnerId, first }: { partnerId: string; first: Detail['audit'] }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(AUDIT_PREVIEW);
  const onFirst = page === 1 && pageSize === AUDIT_PREVIEW;
  const query = useQuery({
    queryKey: ['ops', 'partners', partnerId, 'audit', page, pageSize],
    queryFn: () => api.GET('/api/ops/audit', { params: { query: { partnerId, page, pageSize } } }),
    placeholderData: keepPreviousData,
    enabled: !onFirst,
  });
  const items: AuditItem[] = onFirst ? first.items : (query.data?.items ?? []).map((e) => ({ ...e, at: String(e.at) }));
  return (
    <Table<AuditItem>
      rowKey="id"
      size="small"
      loading={query.isFetching}
      dataSource={items}
      data-testid="partner-audit"
      scroll={{ x: 'max-content' }}
      expandable={auditExpand}
      columns={auditColumns()}
      pagination={{
        current: page,
        pageSize,
        total: onFirst ? first.total : (query.data?.total ?? first.total),
        showSizeChanger: true,
        showTotal: (total) => tx(T.total, { total }),
        onChange: (p, s) => {
          setPage(p);
          setPageSize(s);
        },
      }}
    />
  );
}

function BasicTab({ d }: { d: Detail }) {
  const info = d.company.businessInfo;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={tx(T.partnerAccount)}>
        <Descriptions.Item label={tx(T.company)}>{d.company.name}</Descriptions.Item>
        <Descriptions.Item label={tx(T.uscc)}>{d.company.uscc}</Descriptions.Item>
        <Descriptions.Item label={tx(T.account)}>{d.account.accountName}</Descriptions.Item>
        <Descriptions.Item label={tx(T.mainAccount)}>{tx(d.partner.isMainAccount ? T.yes : T.no)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.name)}>{dash(d.account.name)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.mobile)}>{d.account.mobile}</Descriptions.Item>
        <Descriptions.Item label={tx(T.email)}>{dash(d.account.email)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.realName)}>{dash(d.account.enterpriseName ?? d.account.realNameStatus)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.joinedAt)}>{formatTime(d.partner.joinedAt)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.membersCount)}>{d.partner.membersCount}</Descriptions.Item>
        <Descriptions.Item label={tx(T.programs)} span={2}>
          {d.partner.programs.length ? d.partner.programs.map((p) => <Tag key={p.key}>{bi(p.name)}</Tag>) : '-'}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={tx(T.businessCertification)}>
        <Descriptions.Item label={tx(T.certStatus)}>
          <Tag color={d.businessCertification.certified ? 'success' : 'default'}>{bi(d.businessCertification.statusName)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.settlement)}>
          {d.businessCertification.settlementBlocked ? (
            <Space direction="vertical" size={0}>
              <Tag color="error">{tx(T.settlementBlocked)}</Tag>
              <Typography.Text type="secondary">{bi(d.businessCertification.blockReason)}</Typography.Text>
            </Space>
          ) : (
            <Tag color="success">{tx(T.settlementOk)}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.currency)}>{dash(d.businessCertification.currency)}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={tx(T.programMemberships)}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.programMemberships}
          data-testid="partner-programs"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: tx(T.program), render: (_, r) => bi(r.name) },
            { title: tx(T.programLevel), render: (_, r) => (r.levelName ? bi(r.levelName) : '-') },
            { title: tx(T.status), render: (_, r) => <Tag color={r.status === 'active' ? 'success' : 'default'}>{bi(r.statusName)}</Tag> },
            { title: tx(T.businessRegion), dataIndex: 'businessRegion', render: dash },
            { title: tx(T.joinedAt), dataIndex: 'joinedAt', render: formatDate },
            { title: tx(T.expiresAt), dataIndex: 'expiresAt', render: formatDate },
          ]}
        />
      </Card>
      <Card size="small" title={tx(T.companyAccounts)}>
        <Table
          rowKey="partnerId"
          size="small"
          pagination={false}
          dataSource={d.company.accounts}
          columns={[
            { title: tx(T.account), render: (_, r) => (r.partnerId === d.partner.id ? r.accountName : <Link to={`${PARTNERS_BASE}/${r.partnerId}`}>{r.accountName}</Link>) },
            { title: tx(T.mainAccount), render: (_, r) => tx(r.isMainAccount ? T.yes : T.no) },
            { title: tx(T.joinedAt), dataIndex: 'joinedAt', render: formatDate },
          ]}
        />
      </Card>
      {info ? (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={tx(T.businessInfo)}>
          <Descriptions.Item label={tx(T.taxCode)}>{dash(info.taxCode)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.registeredCapital)}>{dash(info.registeredCapital)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.foundedDate)}>{dash(info.foundedDate)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.businessTerm)}>{dash(info.businessTerm)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.legalPerson)}>{dash(info.legalPerson)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.location)}>{dash(info.location)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.licenceAddress)} span={2}>
            {dash(info.licenceAddress)}
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.businessScope)} span={2}>
            {dash(info.businessScope)}
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.staffSize)}>{dash(info.staffSize)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.annualRevenue)}>{dash(info.annualRevenue)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.website)}>{dash(info.website)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.companyEmail)}>{dash(info.companyEmail)}</Descriptions.Item>
          <Descriptions.Item label={tx(T.intro)} span={2}>
            {dash(info.intro)}
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.contacts)} span={2}>
            {info.contacts.length ? info.contacts.map((c) => `${c.name} ${c.mobile} ${c.email}`).join('；') : '-'}
          </Descriptions.Item>
          <Descriptions.Item label={tx(T.licence)} span={2}>
            {info.licenceFileId ? (
              <a href={fileUrl(info.licenceFileId)} target="_blank" rel="noreferrer">
                {tx(T.download)}
              </a>
            ) : (
              '-'
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Alert type="info" showIcon message={tx(T.noBusinessInfo)} />
      )}
    </Space>
  );
}

function EnrolmentTab({ d }: { d: Detail }) {
  const e = d.enrolment;
  if (!e) return <Empty description={tx(T.noEnrolment)} />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={tx(T.status)}>
          <Tag color={e.status === 'joined' ? 'success' : e.status === 'rejected' ? 'error' : 'processing'}>{bi(e.statusName)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.route)}>{e.route ? tx(e.route === 'automatic' ? T.routeAutomatic : T.routeManual) : '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.manualReasons)} span={2}>
          {e.manualReviewReasons.length ? e.manualReviewReasons.map((r) => <Tag key={r.zh}>{bi(r)}</Tag>) : '-'}
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.linkedCompany)}>{tx(e.linkedExistingCompany ? T.yes : T.no)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.sensitiveRelation)}>{e.sensitiveRelation ? tx(e.sensitiveRelation === 'declared' ? T.declared : T.notInvolved) : '-'}</Descriptions.Item>
        <Descriptions.Item label={tx(T.contacts)} span={2}>
          {e.contacts.length ? e.contacts.map((c) => `${c.name} ${c.mobile} ${c.email}`).join('；') : '-'}
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.rejectReason)} span={2}>
          {dash(e.rejectReason)}
        </Descriptions.Item>
        <Descriptions.Item label={tx(T.createdAt)}>{formatTime(e.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.submittedAt)}>{formatTime(e.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label={tx(T.decidedAt)}>{formatTime(e.decidedAt)}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={tx(T.reviewRecords)}>
        <ReviewTable items={e.reviews} testId="partner-enrolment-reviews" />
      </Card>
      <Card size="small" title={tx(T.enrolmentAudit)}>
        <Table<AuditItem> rowKey="id" size="small" pagination={false} dataSource={e.audit.items} expandable={auditExpand} columns={auditColumns()} />
      </Card>
    </Space>
  );
}

function PathsTab({ d }: { d: Detail }) {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Table
        rowKey="path"
        size="small"
        pagination={false}
        dataSource={d.paths}
        data-testid="partner-paths"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.noPaths)} /> }}
        columns={[
          { title: tx(T.pathName), render: (_, r) => bi(r.name) },
          { title: tx(T.status), render: (_, r) => <Tag color={r.status === 'joined' ? 'blue' : 'default'}>{bi(r.statusName)}</Tag> },
          { title: tx(T.pathStage), render: (_, r) => (r.stageName ? bi(r.stageName) : '-') },
          { title: tx(T.selectedAt), dataIndex: 'selectedAt', render: formatTime },
          { title: tx(T.joinedAt), dataIndex: 'joinedAt', render: formatTime },
          { title: tx(T.rejectReason), dataIndex: 'rejectReason', render: dash },
          { title: tx(T.operation), render: (_, r) => <ReviewLinkCell id={r.reviewId} /> },
        ]}
      />
      <Card size="small" title={tx(T.certifications)}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.certifications}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: tx(T.pathName), render: (_, r) => bi(r.pathName) },
            { title: tx(T.targetStage), render: (_, r) => bi(r.targetStageName) },
            { title: tx(T.status), render: (_, r) => <Tag>{bi(r.statusName)}</Tag> },
            { title: tx(T.failureReason), dataIndex: 'failureReason', render: dash },
            { title: tx(T.submittedAt), dataIndex: 'submittedAt', render: formatTime },
            { title: tx(T.decidedAt), dataIndex: 'decidedAt', render: formatTime },
            { title: tx(T.operation), render: (_, r) => <ReviewLinkCell id={r.reviewId} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

const SOLUTION_COLORS: Record<string, string> = { approved: 'success', expiring: 'warning', expired: 'default', in_review: 'processing', rejected: 'error' };

function SolutionsTab({ d }: { d: Detail }) {
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={tx(T.solutions)}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.solutions}
          data-testid="partner-solutions"
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: tx(T.solutionName), dataIndex: 'name' },
            { title: tx(T.solutionKind), render: (_, r) => bi(r.kindName) },
            { title: tx(T.version), dataIndex: 'version', render: dash },
            { title: tx(T.source), render: (_, r) => bi(r.sourceName) },
            { title: tx(T.status), render: (_, r) => <Tag color={SOLUTION_COLORS[r.displayStatus]}>{bi(r.displayStatusName)}</Tag> },
            { title: tx(T.validity), render: (_, r) => period(r.validFrom, r.validUntil) },
            { title: tx(T.rejectReason), dataIndex: 'rejectReason', render: dash },
            { title: tx(T.operation), render: (_, r) => <ReviewLinkCell id={r.reviewId} /> },
          ]}
        />
      </Card>
      <Card size="small" title={tx(T.heldLabels)}>
        {d.capabilities.labels.length ? (
          <Space size={[8, 8]} wrap data-testid="partner-labels">
            {d.capabilities.labels.map((l) => (
              <Tag key={l.applicationId} color="gold" title={l.level2.map(bi).join('、')}>
                {bi(l.name)} · {formatDate(l.validTo)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
      <Card size="small" title={tx(T.capabilityRecords)}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={d.capabilities.records}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          columns={[
            { title: tx(T.level1Label), render: (_, r) => bi(r.level1Name) },
            { title: tx(T.status), render: (_, r) => <Tag>{bi(r.statusName)}</Tag> },
            { title: tx(T.appliedAt), dataIndex: 'appliedAt', render: formatTime },
            { title: tx(T.updateDeadline), dataIndex: 'updateDeadline', render: formatTime },
            { title: tx(T.validity), render: (_, r) => period(r.validFrom, r.validTo) },
            { title: tx(T.operation), render: (_, r) => <ReviewLinkCell id={r.reviewId} /> },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 伙伴详情: one partner's lifecycle, read-only; decisions are taken on the linked review pages. */
export function PartnerDetailPage() {
  useTranslation(); // re-render on a language switch
  const { partnerId } = useParams();
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['ops', 'partners', 'one', partnerId],
    queryFn: () => api.GET('/api/ops/partners/{partnerId}', { params: { path: { partnerId: partnerId! } } }),
    enabled: !!partnerId,
  });
  if (query.isLoading) return <Skeleton active />;
  const d = query.data;
  if (!d)
    return (
      <Result
        status="404"
        title={query.error instanceof Error ? query.error.message : tx(T.notFound)}
        extra={<Button onClick={() => navigate(PARTNERS_BASE)}>{tx(T.back)}</Button>}
      />
    );
  return (
    <Card
      title={
        <Space>
          {d.company.name}
          <Typography.Text type="secondary">{d.account.accountName}</Typography.Text>
          {d.partner.isMainAccount && <Tag color="blue">{tx(T.mainAccount)}</Tag>}
        </Space>
      }
      extra={<Link to={PARTNERS_BASE}>{tx(T.back)}</Link>}
      data-testid="partner-detail"
    >
      <Tabs
        items={[
          { key: 'basic', label: tx(T.tabBasic), children: <BasicTab d={d} /> },
          { key: 'enrolment', label: tx(T.tabEnrolment), children: <EnrolmentTab d={d} /> },
          { key: 'paths', label: tx(T.tabPaths), children: <PathsTab d={d} /> },
          { key: 'solutions', label: tx(T.tabSolutions), children: <SolutionsTab d={d} /> },
          {
            key: 'reviews',
            label: `${tx(T.tabReviews)} (${d.openReviews.total})`,
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text type="secondary">{tx(T.openReviewsHint)}</Typography.Text>
                <ReviewTable items={d.openReviews.items} testId="partner-open-reviews" />
              </Space>
            ),
          },
          { key: 'audit', label: tx(T.tabAudit), children: <AuditTab partnerId={d.partner.id} first={d.audit} /> },
        ]}
      />
    </Card>
  );
}
