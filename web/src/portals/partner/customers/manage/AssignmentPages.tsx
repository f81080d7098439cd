import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../../api/client';
import { LinkButton } from '../../../../components/LinkButton';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { KEYS, ROUTES, useAccess, type Candidate, type Manager } from '../api';
import { T, tx } from '../text';
import { emptyText, EyeTitle, TYPE_COLORS, ActionLink } from '../ui';

const typeName = (k: string) => (k === 'resale' ? tx(T.resale) : k === 'consulting' ? tx(T.consulting) : k);

/**
 * 销售 > 客户 > 客户分配 (op 27, guide 9553–9610): the managers (客户经理姓名 / 账号名 / 手机号码 / 电子邮箱 /
 * 已分配客户) with 分配客户 and 查看客户列表; no managers → 创建人员.
 */
export function AssignmentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAccess();
  const [name, setName] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [reveal, setReveal] = useState(false);
  const q = useQuery({
    queryKey: [...KEYS.assignment, 'managers', name, page, pageSize, reveal],
    queryFn: () => api.GET('/api/customers/assignment/managers', { params: { query: { name: name || undefined, page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Manager> = [
    { key: 'n', title: <EyeTitle title={tx(T.managerName)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-manager-name" />, dataIndex: 'name' },
    { key: 'a', title: tx(T.managerAccount), render: (_, m) => <span data-testid={`manager-account-${m.accountName}`}>{m.accountName}</span> },
    { key: 'm', title: tx(T.mobileNumber), dataIndex: 'mobile' },
    { key: 'e', title: tx(T.email), dataIndex: 'email' },
    { key: 'c', title: tx(T.assignedCustomers), render: (_, m) => <span data-testid={`manager-count-${m.accountName}`}>{m.assignedCustomers}</span> },
    {
      key: 'op',
      title: t('common.operation'),
      render: (_, m) => (
        <Space>
          <ActionLink onClick={() => navigate(ROUTES.allocateCustomers(m.id))} data-testid={`manager-allocate-${m.accountName}`}>
            {tx(T.allocateCustomers)}
          </ActionLink>
          <ActionLink onClick={() => navigate(ROUTES.managerCustomers(m.id))} data-testid={`manager-customers-${m.accountName}`}>
            {tx(T.viewCustomerList)}
          </ActionLink>
        </Space>
      ),
    },
  ];
  const none = !q.isFetching && !name && (q.data?.total ?? 0) === 0;
  return (
    <Card title={<span data-testid="assignment-title">{tx(T.assignmentTitle)}</span>}>
      {none && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="assignment-no-managers"
          title={tx(T.noManagers)}
          action={can('组织 > 组织成员') ? <LinkButton to={ROUTES.createMember}>{tx(T.createMember)}</LinkButton> : undefined}
        />
      )}
      <Input.Search
        allowClear
        placeholder={tx(T.managerName)}
        aria-label={tx(T.managerName)}
        style={{ maxWidth: 320, marginBottom: 16 }}
        enterButton={t('common.search')}
        data-testid="assignment-search"
        onSearch={(v) => {
          setName(v.trim());
          setPage(1);
        }}
      />
      <Table<Manager>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="managers-table"
        locale={emptyText(T.noManagersHint, 'managers-empty')}
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
    </Card>
  );
}

/** 查看客户列表: the manager and their customers, with 收回客户 / 批量回收客户. */
export function ManagerCustomersPage() {
  const { t } = useTranslation();
  const { memberId = '' } = useParams();
  const qc = useQueryClient();
  const { message, modal, handleError } = useFeedback();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [reveal, setReveal] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const q = useQuery({
    queryKey: [...KEYS.assignment, 'of', memberId, page, pageSize, reveal],
    queryFn: () => api.GET('/api/customers/assignment/managers/{memberId}/customers', { params: { path: { memberId }, query: { page, pageSize, reveal: reveal ? 'true' : undefined } } }),
    placeholderData: keepPreviousData,
  });
  type Row = NonNullable<typeof q.data>['items'][number];
  const takeBack = (ids: string[]) => {
    if (!ids.length) return void message.warning(tx(T.chooseRows));
    modal.confirm({
      title: tx(T.takeBack),
      content: tx(T.takeBackConfirm),
      okButtonProps: { 'data-testid': 'take-back-ok' },
      onOk: async () => {
        try {
          await api.POST('/api/customers/assignment/managers/{memberId}/take-back', { params: { path: { memberId } }, body: { customerIds: ids } });
          void message.success(tx(T.takenBack));
          setSelected([]);
          await Promise.all([KEYS.assignment, KEYS.customers].map((k) => qc.invalidateQueries({ queryKey: k })));
        } catch (err) {
          handleError(err);
        }
      },
    });
  };
  const m = q.data?.manager;
  return (
    <Card title={<span data-testid="manager-customers-title">{tx(T.managerCustomersTitle)}</span>} extra={<LinkButton to={ROUTES.assignment}>{tx(T.back)}</LinkButton>}>
      {m && (
        <Descriptions
          size="small"
          column={3}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'n', label: tx(T.managerName), children: m.name },
            { key: 'a', label: tx(T.managerAccount), children: m.accountName },
            { key: 'c', label: tx(T.assignedCustomers), children: q.data?.total ?? 0 },
          ]}
        />
      )}
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => takeBack(selected)} data-testid="batch-take-back">
          {tx(T.batchTakeBack)}
        </Button>
      </Space>
      <Table<Row>
        rowKey="customerId"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="manager-customers-table"
        locale={emptyText(T.customersEmpty, 'manager-customers-empty')}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        columns={[
          { key: 'n', title: <EyeTitle title={tx(T.customerName)} on={reveal} onToggle={() => setReveal((v) => !v)} testId="eye-manager-customer-name" />, dataIndex: 'customerName' },
          { key: 'a', title: tx(T.accountName), dataIndex: 'accountName' },
          { key: 'm', title: tx(T.mobile), dataIndex: 'mobile' },
          { key: 't', title: tx(T.associationType), render: (_, r) => <Tag color={TYPE_COLORS[r.associationType]}>{typeName(r.associationType)}</Tag> },
          { key: 'at', title: tx(T.associatedAt), render: (_, r) => formatTime(r.associatedAt) },
          { key: 'as', title: tx(T.assignedAt), render: (_, r) => formatTime(r.assignedAt) },
          { key: 'cf', title: tx(T.countsFrom), render: (_, r) => formatTime(r.countsFrom) },
          {
            key: 'op',
            title: t('common.operation'),
            render: (_, r) => (
              <ActionLink onClick={() => takeBack([r.customerId])} data-testid={`take-back-${r.accountName}`}>
                {tx(T.takeBack)}
              </ActionLink>
            ),
          },
        ]}
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
    </Card>
  );
}

/**
 * 分配客户: 选择客户 (already-assigned customers cannot be picked; 只显示未分配客户) → the chosen list (删除) →
 * 确定 → "分配客户成功！".
 */
export function AllocateCustomersPage() {
  const { t } = useTranslation();
  const { memberId = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [chosen, setChosen] = useState<Candidate[]>([]);
  const [picking, setPicking] = useState(false);
  const [saving, setSaving] = useState(false);
  const manager = useQuery({
    queryKey: [...KEYS.assignment, 'of', memberId, 'head'],
    queryFn: () => api.GET('/api/customers/assignment/managers/{memberId}/customers', { params: { path: { memberId }, query: { page: 1, pageSize: 1 } } }),
    select: (d) => d.manager,
  });
  const submit = async () => {
    if (!chosen.length) return void message.warning(tx(T.noChosen));
    setSaving(true);
    try {
      const r = await api.POST('/api/customers/assignment/managers/{memberId}/customers', { params: { path: { memberId } }, body: { customerIds: chosen.map((c) => c.customerId) } });
      void message.success({ content: <span data-testid="allocate-customers-done">{r.message || tx(T.allocateOk)}</span> });
      await Promise.all([KEYS.assignment, KEYS.customers].map((k) => qc.invalidateQueries({ queryKey: k })));
      navigate(ROUTES.assignment);
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={<span data-testid="allocate-customers-title">{tx(T.allocateCustomers)}</span>} extra={<LinkButton to={ROUTES.assignment}>{tx(T.back)}</LinkButton>}>
      {manager.data && (
        <Typography.Paragraph>
          {tx(T.manager)}：{manager.data.name}（{manager.data.accountName}）
        </Typography.Paragraph>
      )}
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => setPicking(true)} data-testid="choose-customers">
          {tx(T.chooseCustomers)}
        </Button>
      </Space>
      <Table<Candidate>
        rowKey="customerId"
        dataSource={chosen}
        pagination={false}
        data-testid="chosen-customers"
        locale={emptyText(T.noChosen, 'chosen-empty')}
        columns={[
          { key: 'n', title: tx(T.customerName), dataIndex: 'customerName' },
          { key: 'a', title: tx(T.accountName), dataIndex: 'accountName' },
          { key: 't', title: tx(T.associationType), render: (_, r) => typeName(r.associationType) },
          {
            key: 'op',
            title: t('common.operation'),
            render: (_, r) => <ActionLink onClick={() => setChosen((cs) => cs.filter((c) => c.customerId !== r.customerId))}>{t('common.delete')}</ActionLink>,
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={saving} disabled={!chosen.length} onClick={submit} data-testid="allocate-customers-ok">
          {t('common.ok')}
        </Button>
        <Button onClick={() => navigate(ROUTES.assignment)}>{t('common.cancel')}</Button>
      </Space>
      {picking && (
        <ChooseCustomersModal
          initial={chosen}
          onClose={() => setPicking(false)}
          onChoose={(cs) => {
            setChosen(cs);
            setPicking(false);
          }}
        />
      )}
    </Card>
  );
}

function ChooseCustomersModal({ initial, onClose, onChoose }: { initial: Candidate[]; onClose: () => void; onChoose: (cs: Candidate[]) => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<Candidate[]>(initial);
  const [unassignedOnly, setUnassignedOnly] = useState(false);
  const [customer, setCustomer] = useState('');
  const [page, setPage] = useState(1);
  const [form] = Form.useForm();
  const q = useQuery({
    queryKey: [...KEYS.assignment, 'candidates', unassignedOnly, customer, page],
    queryFn: () => api.GET('/api/customers/assignment/candidates', { params: { query: { unassignedOnly: unassignedOnly ? 'true' : 'false', customer: customer || undefined, page, pageSize: 10, reveal: 'true' } } }),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.items ?? [];
  const pageKeys = new Set(rows.map((r) => r.customerId));
  return (
    <Modal open width={760} title={tx(T.chooseCustomers)} onCancel={onClose} onOk={() => onChoose(picked)} okButtonProps={{ 'data-testid': 'choose-customers-ok' }}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Checkbox checked={unassignedOnly} onChange={(e) => (setUnassignedOnly(e.target.checked), setPage(1))} data-testid="unassigned-only">
          {tx(T.unassignedOnly)}
        </Checkbox>
        <Form form={form} layout="inline" onFinish={(v: { customer?: string }) => (setCustomer(v.customer?.trim() ?? ''), setPage(1))}>
          <Form.Item name="customer">
            <Input allowClear placeholder={tx(T.customerOrAccount)} aria-label={tx(T.customerOrAccount)} data-testid="candidates-search" />
          </Form.Item>
          <Button htmlType="submit">{t('common.search')}</Button>
        </Form>
      </Space>
      <Table<Candidate>
        rowKey="customerId"
        size="small"
        loading={q.isFetching}
        dataSource={rows}
        data-testid="candidates-table"
        rowSelection={{
          selectedRowKeys: picked.map((c) => c.customerId),
          getCheckboxProps: (r) => ({ disabled: r.assigned }),
          onChange: (_, rs) => setPicked((prev) => [...prev.filter((c) => !pageKeys.has(c.customerId)), ...rs]),
        }}
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          { key: 'n', title: tx(T.customerName), dataIndex: 'customerName' },
          { key: 'a', title: tx(T.accountName), dataIndex: 'accountName' },
          { key: 't', title: tx(T.associationType), render: (_, r) => typeName(r.associationType) },
          { key: 's', title: tx(T.status), render: (_, r) => (r.assigned ? <Tag>{tx(T.alreadyAssigned)}</Tag> : '--') },
        ]}
      />
    </Modal>
  );
}
