import { Button, Popconfirm, Select, Space, Table, Tabs } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { StatusTag, useTx } from '../paths/ui';
import { guideTime, KEYS, PROGRAMS_BASE, useActor, type Application, type AppProgram, type Upgrade } from './api';
import { APPLICATION_STATUS_OPTIONS, PROGRAM_OPTIONS, T } from './text';

/** 已申请伙伴计划 (op 26) with its tabs 伙伴计划 and 伙伴等级 (L2663, L1898). */
export function AppliedTab() {
  const tx = useTx();
  const [params, setParams] = useSearchParams();
  const sub = params.get('sub') === 'levels' ? 'levels' : 'programs';
  return (
    <Tabs
      activeKey={sub}
      onChange={(k) => setParams({ tab: 'applied', sub: k }, { replace: true })}
      destroyOnHidden
      items={[
        { key: 'programs', label: <span data-testid="tab-applied-programs">{tx(T.subPrograms)}</span>, children: <ApplicationsTable /> },
        { key: 'levels', label: <span data-testid="tab-applied-levels">{tx(T.subLevels)}</span>, children: <UpgradesTable /> },
      ]}
    />
  );
}

type Status = Application['status'];

/** 伙伴计划: plan name, 申请等级, 状态, …; drafts: 详情 · 提交 · 取消 (and edited from the catalogue). */
function ApplicationsTable() {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const { canWrite } = useActor();
  const [program, setProgram] = useState<AppProgram | undefined>();
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [busy, setBusy] = useState<string | null>(null);
  const q = useQuery({
    queryKey: [...KEYS.applications, program, status, page, pageSize],
    queryFn: () => api.GET('/api/programs/applications', { params: { query: { program, status, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const act = async (id: string, what: 'submit' | 'cancel') => {
    setBusy(id);
    try {
      if (what === 'submit') {
        const r = await api.POST('/api/programs/applications/{id}/submit', { params: { path: { id } } });
        void message.success(r.message ? tx(r.message) : tx(T.submittedTitle));
      } else {
        await api.POST('/api/programs/applications/{id}/cancel', { params: { path: { id } } });
        void message.success(tx(T.cancelled));
      }
      await qc.invalidateQueries({ queryKey: KEYS.all });
    } catch (err) {
      handleError(err);
      // an ineligible or incomplete draft is fixed in the form, which shows the reasons
      if (what === 'submit' && err instanceof ApiError && (err.status === 400 || err.code === 'programs.not-eligible')) {
        const row = q.data?.items.find((x) => x.id === id);
        if (row) navigate(`${PROGRAMS_BASE}/apply/${row.program}?id=${id}`);
      }
    } finally {
      setBusy(null);
    }
  };
  const columns: TableColumnsType<Application> = [
    {
      key: 'program',
      title: tx(T.program),
      render: (_, r) => (
        <Link to={`${PROGRAMS_BASE}/applications/${r.id}`} data-testid={`applied-${r.program}`}>
          {tx(r.programName)}
        </Link>
      ),
    },
    { key: 'level', title: tx(T.applyLevel), render: (_, r) => (r.levelName ? tx(r.levelName) : '--') },
    { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={r.status} name={tx(r.statusName)} testId={`applied-status-${r.program}`} /> },
    { key: 'at', title: tx(T.appliedAt), render: (_, r) => guideTime(r.submittedAt ?? r.createdAt) },
    { key: 'comment', title: tx(T.reviewComment), render: (_, r) => r.rejectReason ?? r.distributorApproval?.rejectReason ?? '--' },
    {
      key: 'op',
      title: tx({ zh: '操作', en: 'Actions' }),
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => navigate(`${PROGRAMS_BASE}/applications/${r.id}`)} data-testid={`applied-detail-${r.program}`}>
            {tx(T.detail)}
          </Button>
          {r.status === 'draft' && canWrite && (
            <>
              <Button type="link" size="small" loading={busy === r.id} onClick={() => void act(r.id, 'submit')} data-testid={`applied-submit-${r.program}`}>
                {tx(T.submit)}
              </Button>
              <Popconfirm title={tx(T.cancelDraftConfirm)} onConfirm={() => act(r.id, 'cancel')} okText={tx(T.ok)} cancelText={tx(T.cancel)}>
                <Button type="link" size="small" danger data-testid={`applied-cancel-${r.program}`}>
                  {tx(T.cancel)}
                </Button>
              </Popconfirm>
            </>
          )}
          {r.status === 'rejected' && canWrite && (
            <Button type="link" size="small" onClick={() => navigate(`${PROGRAMS_BASE}/apply/${r.program}?id=${r.id}`)} data-testid={`applied-fix-${r.program}`}>
              {tx(T.edit)}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          style={{ width: 260 }}
          placeholder={tx(T.allPrograms)}
          value={program}
          onChange={(v) => {
            setProgram(v);
            setPage(1);
          }}
          options={PROGRAM_OPTIONS.map((o) => ({ value: o.value, label: tx(o.label) }))}
          data-testid="applied-filter-program"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={tx(T.allStatuses)}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={APPLICATION_STATUS_OPTIONS.map((o) => ({ value: o.value, label: tx(o.label) }))}
          data-testid="applied-filter-status"
        />
      </Space>
      <Table<Application>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="applied-table"
        locale={{ emptyText: tx(T.emptyApplied) }}
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

/** 伙伴等级: the level-upgrade applications (提升等级 → 审核中 → 审核通过 / 审核未通过). */
function UpgradesTable() {
  const tx = useTx();
  const q = useQuery({ queryKey: KEYS.upgrades, queryFn: () => api.GET('/api/programs/level-upgrades') });
  const columns: TableColumnsType<Upgrade> = [
    { key: 'program', title: tx(T.program), render: (_, r) => tx(r.programName) },
    { key: 'from', title: tx(T.currentLevel), render: (_, r) => tx(r.fromLevelName) },
    { key: 'target', title: tx(T.targetLevel), render: (_, r) => tx(r.targetLevelName) },
    { key: 'status', title: tx(T.status), render: (_, r) => <StatusTag status={r.status} name={tx(r.statusName)} testId={`upgrade-status-${r.id}`} /> },
    { key: 'at', title: tx(T.applyDate), render: (_, r) => guideTime(r.submittedAt) },
    { key: 'comment', title: tx(T.reviewComment), render: (_, r) => r.rejectReason ?? '--' },
    {
      key: 'op',
      title: tx({ zh: '操作', en: 'Actions' }),
      render: (_, r) => (
        <Link to={`${PROGRAMS_BASE}/level-upgrades/${r.id}`} data-testid={`upgrade-detail-${r.id}`}>
          {tx(T.detail)}
        </Link>
      ),
    },
  ];
  return (
    <Table<Upgrade>
      rowKey="id"
      loading={q.isFetching}
      dataSource={q.data?.items ?? []}
      columns={columns}
      data-testid="upgrades-table"
      locale={{ emptyText: tx(T.emptyUpgrades) }}
      pagination={{ pageSize: 10, showTotal: (total) => tx(T.total, { total }), hideOnSinglePage: true }}
    />
  );
}
