import { Alert, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type ApiData } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';
import { CERT_STATUS_NAMES, CURRENCIES, T, tx, USCC_RE } from './text';

export const COMPANY_OPS_BASE = '/ops/company/business-info';

type Cert = ApiData<'/api/ops/business-info/applications', 'get'>['items'][number];
type Supplier = ApiData<'/api/ops/supplier-records', 'get'>['items'][number];
type PartnerRow = ApiData<'/api/ops/partners', 'get'>['items'][number];
type CertStatus = Cert['status'];

const KEY = ['ops', 'company'] as const;
const COLORS: Record<string, string> = {
  amount_verification: 'warning',
  locked: 'error',
  auto_certifying: 'processing',
  manual_review: 'processing',
  awaiting_bank_letter: 'warning',
  certified: 'success',
  failed: 'error',
};
const TABS = ['certs', 'suppliers', 'partners'] as const;

/**
 * 运营后台 > 商业信息认证 (spec 02 §3.3, R4, R10, R11, R15): the work on company and business information
 * that the generic review queue does not cover — every certification with its transfer amount and
 * lock (解除锁定 from a work order), the supplier-system records behind the bank-letter rule, the
 * cloud-store revenue-sharing agreement, the settlement check and the ecosystem manager's USCC change.
 */
export function BusinessInfoOpsPage() {
  useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'certs';
  return (
    <Card title={tx(T.title)} data-testid="ops-business-info">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'certs', label: <span data-testid="ops-tab-certs">{tx(T.tabCerts)}</span>, children: <CertsTab /> },
          { key: 'suppliers', label: <span data-testid="ops-tab-suppliers">{tx(T.tabSuppliers)}</span>, children: <SuppliersTab /> },
          { key: 'partners', label: <span data-testid="ops-tab-partners">{tx(T.tabPartners)}</span>, children: <PartnersTab /> },
        ]}
      />
    </Card>
  );
}

function usePaging() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const pagination = (total: number) => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    showTotal: (t: number) => tx(T.total, { total: t }),
    onChange: (p: number, s: number) => {
      setPage(s !== pageSize ? 1 : p);
      setPageSize(s);
    },
  });
  return { page, pageSize, setPage, pagination };
}

// ---------------------------------------------------------------------------------------------
// 商业信息认证

function CertsTab() {
  const [filters, setFilters] = useState<{ status?: CertStatus; company?: string }>({});
  const { page, pageSize, setPage, pagination } = usePaging();
  const [open, setOpen] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState<Cert | null>(null);
  const q = useQuery({
    queryKey: [...KEY, 'certs', filters, page, pageSize],
    queryFn: () => api.GET('/api/ops/business-info/applications', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Cert> = [
    { key: 'company', title: tx(T.company), dataIndex: 'companyName' },
    { key: 'mode', title: tx(T.mode), dataIndex: 'modeName' },
    {
      key: 'status',
      title: tx(T.status),
      render: (_, r) => (
        <Tag color={COLORS[r.status]} data-testid={`ops-cert-status-${r.id}`} data-status={r.status}>
          {r.statusName}
        </Tag>
      ),
    },
    { key: 'bank', title: tx(T.bank), render: (_, r) => r.bankName ?? '-' },
    { key: 'currency', title: tx(T.currency), render: (_, r) => r.currency ?? '-' },
    {
      key: 'amount',
      title: <span title={tx(T.amountDemo)}>{tx(T.amount)}</span>,
      render: (_, r) => (r.verificationAmount ? <span data-testid={`ops-cert-amount-${r.id}`}>{r.verificationAmount}</span> : '-'),
    },
    { key: 'failures', title: tx(T.failures), render: (_, r) => (r.verificationRound ? `${r.verificationFailures}/3` : '-') },
    { key: 'submittedAt', title: tx(T.submittedAt), render: (_, r) => formatTime(r.submittedAt) },
    {
      key: 'op',
      title: tx(T.operation),
      render: (_, r) => (
        <Space>
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(r.id)} data-testid={`ops-cert-open-${r.id}`}>
            {tx(T.detail)}
          </Button>
          {r.status === 'locked' && (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setUnlocking(r)} data-testid={`ops-cert-unlock-${r.id}`}>
              {tx(T.unlock)}
            </Button>
          )}
          {r.reviewId && r.status === 'manual_review' && <Link to={`/ops/reviews/${r.reviewId}`}>{tx(T.review)}</Link>}
        </Space>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Alert type="info" showIcon message={tx(T.reviewQueueNote)} />
      <Form
        layout="inline"
        style={{ rowGap: 8 }}
        onFinish={(v: { status?: CertStatus; company?: string }) => {
          setFilters({ status: v.status, company: v.company?.trim() || undefined });
          setPage(1);
        }}
      >
        <Form.Item name="company" label={tx(T.company)}>
          <Input allowClear placeholder={tx(T.companyPlaceholder)} data-testid="ops-cert-company" />
        </Form.Item>
        <Form.Item name="status" label={tx(T.status)}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={tx(T.allStatuses)}
            options={Object.entries(CERT_STATUS_NAMES).map(([value, label]) => ({ value, label: tx(label) }))}
            data-testid="ops-cert-status"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="ops-cert-search">
            {tx(T.search)}
          </Button>
        </Form.Item>
      </Form>
      <Table<Cert>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="ops-certs-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.empty)} /> }}
        pagination={pagination(q.data?.total ?? 0)}
      />
      {open && <CertDrawer id={open} onClose={() => setOpen(null)} onUnlock={(c) => setUnlocking(c)} />}
      {unlocking && <UnlockDialog cert={unlocking} onClose={() => setUnlocking(null)} />}
    </Space>
  );
}

function CertDrawer({ id, onClose, onUnlock }: { id: string; onClose: () => void; onUnlock: (c: Cert) => void }) {
  const q = useQuery({ queryKey: [...KEY, 'cert', id], queryFn: () => api.GET('/api/ops/business-info/applications/{id}', { params: { path: { id } } }) });
  const c = q.data;
  return (
    <Drawer open width={640} title={c ? `${c.companyName} · ${c.modeName}` : tx(T.detail)} onClose={onClose} loading={q.isLoading} data-testid="ops-cert-drawer">
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={tx(T.status)}>
              <Tag color={COLORS[c.status]}>{c.statusName}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={tx(T.bank)}>{c.bankName ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={tx(T.account)}>{c.accountNumber ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={tx(T.currency)}>{c.currency ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={tx(T.amount)}>
              <Space direction="vertical" size={0}>
                <span data-testid="ops-cert-drawer-amount">{c.verificationAmount ?? '-'}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {tx(T.amountDemo)}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={tx(T.round)}>{c.verificationRound}</Descriptions.Item>
            <Descriptions.Item label={tx(T.failures)}>{c.verificationRound ? `${c.verificationFailures}/3` : '-'}</Descriptions.Item>
            <Descriptions.Item label={tx(T.lockedAt)}>{formatTime(c.lockedAt)}</Descriptions.Item>
            <Descriptions.Item label={tx(T.workOrderNo)}>{c.unlockWorkOrder ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={tx(T.manualReasons)}>
              {c.manualReasons.length ? (
                <Space wrap>
                  {c.manualReasons.map((r) => (
                    <Tag color="orange" key={r}>
                      {r}
                    </Tag>
                  ))}
                </Space>
              ) : (
                '-'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={tx(T.failureReason)}>{c.failureReason ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={tx(T.submittedAt)}>{formatTime(c.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label={tx(T.certifiedAt)}>{formatTime(c.certifiedAt)}</Descriptions.Item>
            <Descriptions.Item label={tx(T.updatedAt)}>{formatTime(c.updatedAt)}</Descriptions.Item>
          </Descriptions>
          <Space>
            {c.status === 'locked' && (
              <Button danger onClick={() => onUnlock(c)} data-testid="ops-cert-drawer-unlock">
                {tx(T.unlock)}
              </Button>
            )}
            {c.reviewId && <Link to={`/ops/reviews/${c.reviewId}`}>{tx(T.review)}</Link>}
          </Space>
          <SettlementCheck partnerId={c.partnerId} />
        </Space>
      )}
    </Drawer>
  );
}

function UnlockDialog({ cert, onClose }: { cert: Cert; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ workOrder: string; reason?: string }>();
  const { message, handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  return (
    <Modal open title={`${tx(T.unlockTitle)} · ${cert.companyName}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'ops-unlock-ok' }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.unlockNote)} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.POST('/api/ops/business-info/applications/{id}/unlock', { params: { path: { id: cert.id } }, body: { workOrder: v.workOrder.trim(), reason: v.reason?.trim() || null } });
            void message.success(tx(T.unlocked));
            await qc.invalidateQueries({ queryKey: KEY });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="workOrder" label={tx(T.workOrder)} rules={[{ required: true, whitespace: true, message: tx(T.workOrderRequired) }, { max: 64 }]}>
          <Input maxLength={64} data-testid="ops-unlock-work-order" />
        </Form.Item>
        <Form.Item name="reason" label={tx(T.reason)} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** The check other modules call (R9, R11): may this partner account settle now? */
function SettlementCheck({ partnerId }: { partnerId: string }) {
  const q = useQuery({ queryKey: [...KEY, 'settlement', partnerId], queryFn: () => api.GET('/api/ops/partners/{partnerId}/settlement-status', { params: { path: { partnerId } } }) });
  const s = q.data;
  if (!s) return null;
  return (
    <Card size="small" title={tx(T.settlement)} data-testid="ops-settlement">
      <Space direction="vertical">
        <Tag color={s.blocked ? 'error' : 'success'} data-testid="ops-settlement-state" data-blocked={s.blocked}>
          {tx(s.blocked ? T.settlementBlocked : T.settlementOk)}
        </Tag>
        {s.message && <Typography.Text>{s.message}</Typography.Text>}
        <Typography.Text type="secondary">
          {tx(T.certStatus)}：{s.statusName}
          {s.currency ? ` · ${tx(T.currency)} ${s.currency}` : ''}
        </Typography.Text>
      </Space>
    </Card>
  );
}

// ---------------------------------------------------------------------------------------------
// 供应商管理系统记录 (R10)

interface SupplierValues {
  companyName: string;
  ioi: boolean;
  bankAccount: string;
  currency: string;
  contractingEntity?: string;
}

function SuppliersTab() {
  const [company, setCompany] = useState<string | undefined>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [editing, setEditing] = useState<Partial<SupplierValues> | null>(null);
  const q = useQuery({
    queryKey: [...KEY, 'suppliers', company, page, pageSize],
    queryFn: () => api.GET('/api/ops/supplier-records', { params: { query: { company, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Supplier> = [
    { key: 'company', title: tx(T.company), dataIndex: 'companyName' },
    { key: 'ioi', title: tx(T.ioi), render: (_, r) => tx(r.ioi ? T.yes : T.no) },
    { key: 'bank', title: tx(T.bankAccount), dataIndex: 'bankAccount' },
    { key: 'currency', title: tx(T.currency), dataIndex: 'currency' },
    { key: 'entity', title: tx(T.contractingEntity), dataIndex: 'contractingEntity' },
    { key: 'source', title: tx(T.source), render: (_, r) => tx(r.source === 'certification' ? T.sourceCert : T.sourceOps) },
    { key: 'updatedAt', title: tx(T.updatedAt), render: (_, r) => formatTime(r.updatedAt) },
    {
      key: 'op',
      title: tx(T.operation),
      render: (_, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing({ ...r })} data-testid={`ops-supplier-edit-${r.id}`}>
          {tx({ zh: '修改', en: 'Edit' })}
        </Button>
      ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Alert type="info" showIcon message={tx(T.suppliersNote)} />
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={tx(T.companyPlaceholder)}
          onSearch={(v) => {
            setCompany(v.trim() || undefined);
            setPage(1);
          }}
          style={{ width: 280 }}
          data-testid="ops-supplier-search"
        />
        <Button type="primary" onClick={() => setEditing({ ioi: false, currency: 'CNY' })} data-testid="ops-supplier-new">
          {tx(T.saveSupplier)}
        </Button>
      </Space>
      <Table<Supplier>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="ops-suppliers-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.suppliersEmpty)} /> }}
        pagination={pagination(q.data?.total ?? 0)}
      />
      {editing && <SupplierDialog initial={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

function SupplierDialog({ initial, onClose }: { initial: Partial<SupplierValues>; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<SupplierValues>();
  const { message, handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  const req = (label: { zh: string; en: string }) => ({ required: true, whitespace: true, message: tx(T.required, { field: tx(label) }) });
  return (
    <Modal open title={tx(T.saveSupplier)} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'ops-supplier-save' }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.PUT('/api/ops/supplier-records', { body: { ...v, companyName: v.companyName.trim(), contractingEntity: v.contractingEntity?.trim() || null } });
            void message.success(tx(T.supplierSaved));
            await qc.invalidateQueries({ queryKey: [...KEY, 'suppliers'] });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="companyName" label={tx(T.company)} rules={[req(T.company), { max: 200 }]}>
          <Input data-testid="ops-supplier-company" />
        </Form.Item>
        <Form.Item name="ioi" label={tx(T.ioi)} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="bankAccount" label={tx(T.bankAccount)} rules={[req(T.bankAccount), { pattern: /^[A-Za-z0-9\s-]{8,40}$/, message: tx({ zh: '银行账号须为8~34位字母或数字', en: '8–34 letters or digits' }) }]}>
          <Input data-testid="ops-supplier-account" />
        </Form.Item>
        <Form.Item name="currency" label={tx(T.currency)} rules={[{ required: true }]}>
          <Select options={CURRENCIES.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        <Form.Item name="contractingEntity" label={tx(T.contractingEntity)} extra={tx(T.contractingEntityHint)} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// 伙伴公司: settlement check, 合作分成协议 (R11), 统一社会信用代码 (R4)

function PartnersTab() {
  const [search, setSearch] = useState<string | undefined>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const [dialog, setDialog] = useState<{ kind: 'settlement' | 'agreement' | 'uscc'; row: PartnerRow } | null>(null);
  const q = useQuery({
    queryKey: [...KEY, 'partners', search, page, pageSize],
    queryFn: () => api.GET('/api/ops/partners', { params: { query: { search, hcpnStatus: 'joined', page, pageSize } } }),
    placeholderData: keepPreviousData,
    enabled: !!search,
  });
  const columns: TableColumnsType<PartnerRow> = [
    { key: 'company', title: tx(T.company), render: (_, r) => r.companyName ?? '-' },
    {
      key: 'account',
      title: tx(T.accountName),
      render: (_, r) => (
        <Space>
          {r.accountName}
          {r.isMainAccount && <Tag color="red">{tx(T.mainAccount)}</Tag>}
        </Space>
      ),
    },
    { key: 'uscc', title: tx(T.uscc), render: (_, r) => r.uscc ?? '-' },
    {
      key: 'op',
      title: tx(T.operation),
      render: (_, r) =>
        r.partnerId ? (
          <Space wrap>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDialog({ kind: 'settlement', row: r })} data-testid={`ops-partner-settlement-${r.accountName}`}>
              {tx(T.settlement)}
            </Button>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDialog({ kind: 'agreement', row: r })} data-testid={`ops-partner-agreement-${r.accountName}`}>
              {tx(T.revenueShare)}
            </Button>
            {r.companyId && (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDialog({ kind: 'uscc', row: r })} data-testid={`ops-partner-uscc-${r.accountName}`}>
                {tx(T.changeUscc)}
              </Button>
            )}
          </Space>
        ) : (
          '-'
        ),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Alert type="info" showIcon message={tx(T.partnersNote)} />
      <Input.Search
        allowClear
        enterButton={tx(T.search)}
        placeholder={tx(T.searchPartner)}
        onSearch={(v) => {
          setSearch(v.trim() || undefined);
          setPage(1);
        }}
        style={{ maxWidth: 420 }}
        data-testid="ops-partner-search"
      />
      <Table<PartnerRow>
        rowKey={(r) => r.partnerId ?? r.accountId}
        loading={!!search && q.isLoading}
        dataSource={search ? (q.data?.items ?? []) : []}
        columns={columns}
        data-testid="ops-partners-table"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tx(T.partnersEmpty)} /> }}
        pagination={pagination(q.data?.total ?? 0)}
      />
      {dialog?.kind === 'settlement' && (
        <Modal open title={`${tx(T.settlement)} · ${dialog.row.companyName ?? dialog.row.accountName}`} footer={null} onCancel={() => setDialog(null)}>
          <SettlementCheck partnerId={dialog.row.partnerId!} />
        </Modal>
      )}
      {dialog?.kind === 'agreement' && <AgreementDialog row={dialog.row} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'uscc' && <UsccDialog row={dialog.row} onClose={() => setDialog(null)} />}
    </Space>
  );
}

function AgreementDialog({ row, onClose }: { row: PartnerRow; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ signedAt?: Dayjs | null }>();
  const { message, handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  return (
    <Modal open title={`${tx(T.revenueShare)} · ${row.companyName ?? row.accountName}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'ops-agreement-ok' }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.revenueShareNote)} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.PUT('/api/ops/partners/{partnerId}/revenue-share-agreement', { params: { path: { partnerId: row.partnerId! } }, body: { signedAt: v.signedAt ? v.signedAt.toISOString() : null } });
            void message.success(tx(T.revenueShareSaved));
            await qc.invalidateQueries({ queryKey: KEY });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="signedAt" label={tx(T.signedAt)} extra={tx(T.signedAtHint)}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UsccDialog({ row, onClose }: { row: PartnerRow; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<{ uscc: string; reason: string }>();
  const { message, handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  return (
    <Modal open title={`${tx(T.changeUscc)} · ${row.companyName ?? ''}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'ops-uscc-ok' }}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.changeUsccNote)} description={`${tx(T.uscc)}：${row.uscc ?? '-'}`} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.PUT('/api/ops/companies/{companyId}/uscc', { params: { path: { companyId: row.companyId! } }, body: { uscc: v.uscc.trim().toUpperCase(), reason: v.reason.trim() } });
            void message.success(tx(T.usccSaved));
            await qc.invalidateQueries({ queryKey: KEY });
            await qc.invalidateQueries({ queryKey: ['ops', 'partners'] });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item
          name="uscc"
          label={tx(T.newUscc)}
          normalize={(v: string) => v?.toUpperCase()}
          rules={[{ required: true, message: tx(T.required, { field: tx(T.newUscc) }) }, { pattern: USCC_RE, message: tx(T.usccFormat) }]}
        >
          <Input maxLength={18} data-testid="ops-uscc-input" />
        </Form.Item>
        <Form.Item name="reason" label={tx(T.usccReason)} rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.usccReason) }) }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
