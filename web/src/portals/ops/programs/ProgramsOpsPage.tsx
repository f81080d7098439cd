import { Alert, Button, Card, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type ApiBody, type ApiData, type ApiQuery } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { formatDate, formatTime } from '../../../components/format';
import { useFormFeedback, useTx } from '../../partner/paths/ui';
import { DISTRIBUTOR_TYPES, MEMBERSHIP_STATUSES, METRIC_NAMES, PROGRAM_NAMES, T } from './text';

type Item<T> = T extends { items: (infer I)[] } ? I : never;
type Member = Item<ApiData<'/api/ops/programs/memberships', 'get'>>;
type Invitation = Item<ApiData<'/api/ops/programs/invitations', 'get'>>;
type ProgramKey = NonNullable<ApiQuery<'/api/ops/programs/memberships'>['program']>;
type MemberStatus = Member['status'];
type Assessment = ApiData<'/api/ops/programs/assessments', 'post'>;

const KEY = ['ops', 'programs'] as const;
const TABS = ['members', 'invitations', 'scorecards', 'assessments'] as const;
const AMOUNT_RE = /^\d{1,14}(\.\d{1,2})?$/;
/** The scorecard's vocational/developer certificate levels (HCCDX and HCIX count by their highest level, R33). */
const VOCATIONAL = { associate: 'HCIA/HCCDA', professional: 'HCIP/HCCDP', expert: 'HCIE/HCCDE' } as const;

function useStaffRoles() {
  const { data: me } = useMe();
  const roles = me?.actor.roles ?? [];
  const has = (...r: string[]) => roles.includes('ops_admin') || r.some((x) => roles.includes(x));
  return { eco: has('ecosystem_manager'), channel: has('channel_manager', 'ecosystem_manager') };
}

/**
 * 伙伴计划 in the operations console (spec 01 ops 17–19, R30–R35): 计划成员 (search), 总经销商邀请
 * (生态经理 sends, all list), 积分卡数据 (the figures the centre cannot compute, audited) and 年度考核
 * (publish). Applications, upgrades and assessment handling are decided in the review queue.
 */
export function ProgramsOpsPage() {
  const tx = useTx();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'members';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={tx(T.title)} data-testid="ops-programs">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {tx(T.intro)}
        </Typography.Paragraph>
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'members', label: <span data-testid="ops-tab-members">{tx(T.tabMembers)}</span>, children: <MembersTab /> },
            { key: 'invitations', label: <span data-testid="ops-tab-invitations">{tx(T.tabInvitations)}</span>, children: <InvitationsTab /> },
            { key: 'scorecards', label: <span data-testid="ops-tab-scorecards">{tx(T.tabScorecards)}</span>, children: <ScorecardsTab /> },
            { key: 'assessments', label: <span data-testid="ops-tab-assessments">{tx(T.tabAssessments)}</span>, children: <AssessmentsTab /> },
          ]}
        />
      </Card>
    </Space>
  );
}

// ---------------------------------------------------------------------------------------------
// 计划成员

function MembersTab() {
  const tx = useTx();
  const [program, setProgram] = useState<ProgramKey | undefined>();
  const [status, setStatus] = useState<MemberStatus | undefined>();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: [...KEY, 'members', program, status, search, page, pageSize],
    queryFn: () => api.GET('/api/ops/programs/memberships', { params: { query: { program, status, search: search || undefined, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Member> = [
    { key: 'company', title: tx(T.company), dataIndex: 'companyName' },
    { key: 'account', title: tx(T.account), dataIndex: 'accountName' },
    { key: 'program', title: tx(T.program), render: (_, m) => tx(m.programName) },
    { key: 'level', title: tx(T.level), render: (_, m) => (m.levelName ? tx(m.levelName) : '-') },
    {
      key: 'status',
      title: tx(T.status),
      render: (_, m) => (
        <Space size={4}>
          <Tag color={m.status === 'active' ? 'success' : m.status === 'expired' ? 'error' : 'warning'}>{tx(m.statusName)}</Tag>
          {m.nonCompliant && <Tag color="red">{tx(T.nonCompliant)}</Tag>}
        </Space>
      ),
    },
    { key: 'region', title: tx(T.region), render: (_, m) => m.businessRegion ?? '-' },
    { key: 'joinedAt', title: tx(T.joinedAt), render: (_, m) => formatDate(m.joinedAt) },
    { key: 'expiresAt', title: tx(T.expiresAt), render: (_, m) => formatDate(m.expiresAt) },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 240 }}
          placeholder={tx(T.allPrograms)}
          value={program}
          onChange={(v) => {
            setProgram(v);
            setPage(1);
          }}
          options={Object.entries(PROGRAM_NAMES).map(([value, name]) => ({ value, label: tx(name) }))}
          data-testid="ops-members-program"
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={tx(T.allStatuses)}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={Object.entries(MEMBERSHIP_STATUSES).map(([value, name]) => ({ value, label: tx(name) }))}
          data-testid="ops-members-status"
        />
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={tx(T.search)}
          maxLength={100}
          onSearch={(v) => {
            setSearch(v.trim());
            setPage(1);
          }}
          data-testid="ops-members-search"
        />
      </Space>
      <Table<Member>
        rowKey={(m) => m.id ?? `${m.partnerId}:${m.program}`}
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="ops-members"
        locale={{ emptyText: tx(T.emptyMembers) }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => tx(T.total, { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// 总经销商邀请

function InvitationsTab() {
  const tx = useTx();
  const qc = useQueryClient();
  const { eco, channel } = useStaffRoles();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<{ account: string }>();
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<'pending' | 'accepted' | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: [...KEY, 'invitations', status, page, pageSize],
    queryFn: () => api.GET('/api/ops/programs/invitations', { params: { query: { status, page, pageSize } } }),
    placeholderData: keepPreviousData,
    enabled: channel,
  });
  const send = async ({ account }: { account: string }) => {
    setSaving(true);
    try {
      await api.POST('/api/ops/programs/invitations', { body: { account: account.trim(), program: 'distributor' } });
      void message.success(tx(T.sent));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: [...KEY, 'invitations'] });
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  const columns: TableColumnsType<Invitation> = [
    { key: 'company', title: tx(T.company), dataIndex: 'companyName' },
    { key: 'account', title: tx(T.account), dataIndex: 'accountName' },
    { key: 'email', title: tx(T.email), render: (_, r) => r.email ?? '-' },
    { key: 'status', title: tx(T.status), render: (_, r) => <Tag color={r.status === 'accepted' ? 'success' : 'processing'}>{tx(r.statusName)}</Tag> },
    { key: 'createdAt', title: tx(T.invitedAt), render: (_, r) => formatTime(r.createdAt) },
    { key: 'acceptedAt', title: tx(T.acceptedAt), render: (_, r) => formatTime(r.acceptedAt) },
  ];
  return (
    <>
      <Typography.Title level={5}>{tx(T.inviteTitle)}</Typography.Title>
      <Typography.Paragraph type="secondary">{tx(T.inviteIntro)}</Typography.Paragraph>
      {!eco && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(T.ecoOnly)} />}
      <Form form={form} layout="inline" onFinish={send} style={{ marginBottom: 16 }} data-testid="ops-invite-form">
        <Form.Item name="account" label={tx(T.accountLabel)} extra={tx(T.accountHint)} rules={[{ required: true, whitespace: true, message: tx(T.accountRequired) }, { max: 128 }]}>
          <Input style={{ width: 260 }} data-testid="ops-invite-account" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!eco} data-testid="ops-invite-send">
            {tx(T.send)}
          </Button>
        </Form.Item>
      </Form>
      <Divider />
      {!channel && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(T.channelOnly)} />}
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={tx(T.allStatuses)}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={[
            { value: 'pending', label: tx(T.statusPending) },
            { value: 'accepted', label: tx(T.statusAccepted) },
          ]}
          data-testid="ops-invitations-status"
        />
      </Space>
      <Table<Invitation>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="ops-invitations"
        locale={{ emptyText: tx(T.emptyInvitations) }}
        pagination={{
          current: page,
          pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => tx(T.total, { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// 积分卡数据

type ScorecardBody = ApiBody<'/api/ops/programs/scorecards', 'put'>;
interface ScorecardValues extends Omit<ScorecardBody, 'dataDate'> {
  dataDate?: Dayjs | null;
}

/** Members of a plan as select options (the console names partners by their membership rows). */
function usePlanMembers(program: 'distributor' | 'reseller', search: string) {
  return useQuery({
    queryKey: [...KEY, 'members-options', program, search],
    queryFn: () => api.GET('/api/ops/programs/memberships', { params: { query: { program, status: 'active', search: search || undefined, pageSize: 50 } } }),
    placeholderData: keepPreviousData,
  });
}

function ScorecardsTab() {
  const tx = useTx();
  const { channel } = useStaffRoles();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<ScorecardValues>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const program = Form.useWatch('program', form);
  const thisYear = new Date().getFullYear();

  const save = async (v: ScorecardValues) => {
    setSaving(true);
    try {
      const body: ScorecardBody = {
        account: v.account.trim(),
        program: v.program,
        year: v.year,
        annualPerformance: v.annualPerformance.trim(),
        distributorType: v.program === 'distributor' ? v.distributorType : undefined,
        effectiveUsers: v.program === 'solution_provider' ? (v.effectiveUsers ?? undefined) : undefined,
        requirements: cleanRequirements(v.requirements),
        dataDate: v.dataDate ? v.dataDate.format('YYYY-MM-DD') : undefined,
      };
      const r = await api.PUT('/api/ops/programs/scorecards', { body });
      setSaved(tx(T.savedRow, { account: body.account, year: r.year, perf: r.annualPerformance, date: r.dataDate }));
      void message.success(tx(T.save));
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  const amount = { pattern: AMOUNT_RE, message: tx(T.amountFormat) };
  const certFields = (group: 'certifications' | 'professionalCertifications') => (
    <Space wrap>
      {(['associate', 'professional', 'expert'] as const).map((l) => (
        <Form.Item key={l} name={['requirements', group, l]} label={group === 'certifications' ? VOCATIONAL[l] : tx(T[l])} style={{ marginBottom: 0 }}>
          <InputNumber min={0} precision={0} style={{ width: 100 }} data-testid={`ops-req-${group}-${l}`} />
        </Form.Item>
      ))}
    </Space>
  );
  return (
    <Row gutter={24}>
      <Col xs={24} xl={14}>
        <Typography.Title level={5}>{tx(T.scorecardTitle)}</Typography.Title>
        <Typography.Paragraph type="secondary">{tx(T.scorecardIntro)}</Typography.Paragraph>
        {!channel && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(T.channelOnly)} />}
        {saved && <Alert type="success" showIcon style={{ marginBottom: 12 }} message={saved} data-testid="ops-scorecard-saved" />}
        <Form form={form} layout="vertical" onFinish={save} initialValues={{ program: 'distributor', year: thisYear }} data-testid="ops-scorecard-form">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="account" label={tx(T.accountLabel)} extra={tx(T.accountHint)} rules={[{ required: true, whitespace: true, message: tx(T.accountRequired) }, { max: 128 }]}>
                <Input data-testid="ops-scorecard-account" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="program" label={tx(T.scorecardProgram)} rules={[{ required: true }]}>
                <Select
                  data-testid="ops-scorecard-program"
                  options={(['distributor', 'solution_provider'] as const).map((p) => ({ value: p, label: tx(PROGRAM_NAMES[p]!) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="year" label={tx(T.year)} rules={[{ required: true }]}>
                <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="ops-scorecard-year" />
              </Form.Item>
            </Col>
            {program === 'distributor' && (
              <Col xs={24} md={12}>
                <Form.Item name="distributorType" label={tx(T.distributorType)} rules={[{ required: true, message: tx(T.chooseType) }]}>
                  <Select data-testid="ops-scorecard-type" options={Object.entries(DISTRIBUTOR_TYPES).map(([value, name]) => ({ value, label: tx(name) }))} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item name="annualPerformance" label={tx(T.annualPerformance)} rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.annualPerformance) }) }, amount]}>
                <Input inputMode="decimal" data-testid="ops-scorecard-performance" />
              </Form.Item>
            </Col>
            {program === 'solution_provider' && (
              <Col xs={24} md={12}>
                <Form.Item name="effectiveUsers" label={tx(T.effectiveUsers)}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="ops-scorecard-users" />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={12}>
              <Form.Item name="dataDate" label={tx(T.dataDate)} extra={tx(T.dataDateHint)}>
                <DatePicker style={{ width: '100%' }} data-testid="ops-scorecard-date" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{tx(T.requirements)}</Typography.Text>
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col xs={24} md={12}>
              <Form.Item name={['requirements', 'annualPerformance']} label={tx(T.reqPerformance)} rules={[amount]}>
                <Input inputMode="decimal" data-testid="ops-req-performance" />
              </Form.Item>
            </Col>
            {program === 'distributor' ? (
              <Col xs={24} md={12}>
                <Form.Item name={['requirements', 'valueResellers']} label={tx(T.reqValueResellers)}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="ops-req-value-resellers" />
                </Form.Item>
              </Col>
            ) : (
              <Col xs={24} md={12}>
                <Form.Item name={['requirements', 'effectiveUsers']} label={tx(T.effectiveUsers)}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
          </Row>
          <Form.Item label={tx(T.reqCertifications)}>{certFields('certifications')}</Form.Item>
          <Form.Item label={tx(T.reqProfessional)}>{certFields('professionalCertifications')}</Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!channel} data-testid="ops-scorecard-save">
            {tx(T.save)}
          </Button>
        </Form>
      </Col>
      <Col xs={24} xl={10}>
        <ResellerPerformanceForm />
      </Col>
    </Row>
  );
}

/** Drop empty requirement inputs (a metric without a requirement counts as met). */
function cleanRequirements(r: ScorecardBody['requirements']): ScorecardBody['requirements'] {
  if (!r) return undefined;
  const out: NonNullable<ScorecardBody['requirements']> = {};
  if (r.annualPerformance?.trim()) out.annualPerformance = r.annualPerformance.trim();
  if (r.valueResellers !== undefined && r.valueResellers !== null) out.valueResellers = r.valueResellers;
  if (r.effectiveUsers !== undefined && r.effectiveUsers !== null) out.effectiveUsers = r.effectiveUsers;
  for (const g of ['certifications', 'professionalCertifications'] as const) {
    const c = r[g];
    if (!c) continue;
    const kept = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined && v !== null));
    if (Object.keys(kept).length) out[g] = kept;
  }
  return out;
}

type PerfBody = ApiBody<'/api/ops/programs/reseller-performance', 'put'>;

/** A linked reseller's 年度业绩 and paying customers, for the value-reseller count (R32). */
function ResellerPerformanceForm() {
  const tx = useTx();
  const { channel } = useStaffRoles();
  const qc = useQueryClient();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<Omit<PerfBody, 'dataDate'> & { dataDate?: Dayjs | null }>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<boolean | null>(null);
  const [dSearch, setDSearch] = useState('');
  const [rSearch, setRSearch] = useState('');
  const distributors = usePlanMembers('distributor', dSearch);
  const resellers = usePlanMembers('reseller', rSearch);
  const opts = (items: Member[] = []) => items.map((m) => ({ value: m.partnerId, label: `${m.companyName}（${m.accountName}）` }));
  const save = async (v: Omit<PerfBody, 'dataDate'> & { dataDate?: Dayjs | null }) => {
    setSaving(true);
    try {
      const r = await api.PUT('/api/ops/programs/reseller-performance', {
        body: { distributorPartnerId: v.distributorPartnerId, resellerPartnerId: v.resellerPartnerId, year: v.year, annualPerformance: v.annualPerformance.trim(), payingCustomers: v.payingCustomers, dataDate: v.dataDate ? v.dataDate.format('YYYY-MM-DD') : undefined },
      });
      setResult(r.valueReseller);
      void message.success(tx(T.save));
      await qc.invalidateQueries({ queryKey: KEY });
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Typography.Title level={5}>{tx(T.resellerPerfTitle)}</Typography.Title>
      {result !== null && <Alert type={result ? 'success' : 'info'} showIcon style={{ marginBottom: 12 }} message={tx(T.valueReseller, { result: tx(result ? T.isValue : T.notValue) })} data-testid="ops-perf-result" />}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ year: new Date().getFullYear() }} data-testid="ops-perf-form">
        <Form.Item name="distributorPartnerId" label={tx(T.distributor)} rules={[{ required: true, message: tx(T.chooseDistributor) }]}>
          <Select showSearch filterOption={false} onSearch={setDSearch} options={opts(distributors.data?.items)} loading={distributors.isFetching} data-testid="ops-perf-distributor" />
        </Form.Item>
        <Form.Item name="resellerPartnerId" label={tx(T.reseller)} rules={[{ required: true, message: tx(T.chooseReseller) }]}>
          <Select showSearch filterOption={false} onSearch={setRSearch} options={opts(resellers.data?.items)} loading={resellers.isFetching} data-testid="ops-perf-reseller" />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="year" label={tx(T.year)} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dataDate" label={tx(T.dataDate)} extra={tx(T.dataDateHint)}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="annualPerformance" label={tx(T.annualPerformance)} rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.annualPerformance) }) }, { pattern: AMOUNT_RE, message: tx(T.amountFormat) }]}>
              <Input inputMode="decimal" data-testid="ops-perf-performance" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="payingCustomers" label={tx(T.payingCustomers)} rules={[{ required: true, message: tx(T.required, { field: tx(T.payingCustomers) }) }]}>
              <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="ops-perf-customers" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={saving} disabled={!channel} data-testid="ops-perf-save">
          {tx(T.save)}
        </Button>
      </Form>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// 年度考核

function AssessmentsTab() {
  const tx = useTx();
  const { channel } = useStaffRoles();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<{ account: string; year: number }>();
  const [saving, setSaving] = useState(false);
  const [published, setPublished] = useState<(Assessment & { account: string })[]>([]);
  const publish = async (v: { account: string; year: number }) => {
    setSaving(true);
    try {
      const r = await api.POST('/api/ops/programs/assessments', { body: { account: v.account.trim(), year: v.year } });
      setPublished((list) => [{ ...r, account: v.account.trim() }, ...list]);
      void message.success(tx(T.published, { year: r.year, result: tx(r.resultName) }));
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Typography.Title level={5}>{tx(T.publishTitle)}</Typography.Title>
      <Typography.Paragraph type="secondary">{tx(T.publishIntro)}</Typography.Paragraph>
      {!channel && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(T.channelOnly)} />}
      <Form form={form} layout="inline" onFinish={publish} initialValues={{ year: new Date().getFullYear() - 1 }} style={{ marginBottom: 16 }} data-testid="ops-assessment-form">
        <Form.Item name="account" label={tx(T.accountLabel)} rules={[{ required: true, whitespace: true, message: tx(T.accountRequired) }, { max: 128 }]}>
          <Input style={{ width: 240 }} data-testid="ops-assessment-account" />
        </Form.Item>
        <Form.Item name="year" label={tx(T.year)} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} precision={0} data-testid="ops-assessment-year" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!channel} data-testid="ops-assessment-publish">
            {tx(T.publish)}
          </Button>
        </Form.Item>
      </Form>
      <Table<Assessment & { account: string }>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={published}
        data-testid="ops-assessments"
        locale={{ emptyText: '-' }}
        columns={[
          { key: 'account', title: tx(T.accountLabel), dataIndex: 'account' },
          { key: 'year', title: tx(T.year), dataIndex: 'year' },
          { key: 'result', title: tx({ zh: '考核结果', en: 'Result' }), render: (_, a) => <Tag color={a.passed ? 'success' : 'error'}>{tx(a.resultName)}</Tag> },
          {
            key: 'metrics',
            title: tx(T.metric),
            render: (_, a) =>
              a.results.map((m) => (
                <div key={m.key}>
                  {METRIC_NAMES[m.key] ? tx(METRIC_NAMES[m.key]!) : m.key}：{m.achieved} / {m.requirement || '-'} <Tag color={m.met ? 'success' : 'error'}>{tx(m.met ? T.yes : T.no)}</Tag>
                </div>
              )),
          },
          { key: 'status', title: tx(T.status), render: (_, a) => tx(a.statusName) },
        ]}
      />
    </>
  );
}
