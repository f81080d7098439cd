import { DownOutlined, SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Dropdown, Form, Input, Popover, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client';
import type { Member } from '../../../api/types';
import { useCreateExport } from '../../../pages/ExportsPage';
import { PARTNER_BASE } from '../menu';
import { ORG_KEYS, useRoles } from './api';
import { MemberDialogs, useDeleteMember, type MemberDialog } from './MemberDialogs';

interface Filters {
  roleId?: string;
  status?: Member['status'];
  name?: string;
  accountName?: string;
}

/** 人员管理: filters 角色/状态/姓名/账号名, 创建人员, 导出, column control, row actions. */
export function PeopleTab() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const roles = useRoles();
  const createExport = useCreateExport();
  const deleteMember = useDeleteMember();
  const [filterForm] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [dialog, setDialog] = useState<MemberDialog>(null);
  const [hidden, setHidden] = useState<string[]>([]);

  const query = useQuery({
    queryKey: [...ORG_KEYS.members, 'list', filters, page, pageSize],
    queryFn: () => api.GET('/api/org/members', { params: { query: { ...filters, page, pageSize } } }),
    placeholderData: keepPreviousData,
  });

  const statusLabel = (s: string) => (s === 'locked' ? t('org.statusLocked') : t('org.statusNormal'));
  const allColumns: TableColumnsType<Member> = useMemo(
    () => [
      { key: 'accountName', title: t('org.accountName'), dataIndex: 'accountName' },
      {
        key: 'name',
        title: t('org.name'),
        dataIndex: 'name',
        render: (name: string, m) => (
          <Link to={`${PARTNER_BASE}/org/members/${m.id}`} data-testid={`member-link-${m.accountName}`}>
            {name}
          </Link>
        ),
      },
      { key: 'mobile', title: t('org.mobile'), dataIndex: 'mobile' },
      { key: 'email', title: t('org.email'), dataIndex: 'email' },
      { key: 'roles', title: t('org.role'), dataIndex: 'roles', render: (rs: Member['roles']) => rs.map((r) => <Tag key={r.id}>{r.name}</Tag>) },
      {
        key: 'status',
        title: t('org.status'),
        dataIndex: 'status',
        render: (s: string) => <Tag color={s === 'locked' ? 'red' : 'green'}>{statusLabel(s)}</Tag>,
      },
      {
        key: 'operation',
        title: t('common.operation'),
        render: (_, m) => (
          <Space data-testid={`member-row-actions-${m.accountName}`}>
            <a onClick={() => setDialog({ kind: 'edit', member: m })} data-testid={`member-edit-${m.accountName}`}>
              {t('org.editMember')}
            </a>
            <a onClick={() => setDialog({ kind: 'roles', member: m })} data-testid={`member-roles-${m.accountName}`}>
              {t('org.assignRoles')}
            </a>
            <Dropdown
              menu={{
                items: [
                  { key: 'password', label: <span data-testid={`member-reset-${m.accountName}`}>{t('org.resetPassword')}</span>, onClick: () => setDialog({ kind: 'password', member: m }) },
                  { key: 'delete', danger: true, label: <span data-testid={`member-delete-${m.accountName}`}>{t('common.delete')}</span>, onClick: () => deleteMember(m) },
                ],
              }}
            >
              <a data-testid={`member-more-${m.accountName}`} onClick={(e) => e.preventDefault()}>
                {t('common.more')} <DownOutlined />
              </a>
            </Dropdown>
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );
  const columns = allColumns.filter((c) => !hidden.includes(String(c.key)));

  return (
    <>
      <Form
        form={filterForm}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        data-testid="member-filters"
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item name="roleId" label={t('org.role')}>
          <Select allowClear style={{ width: 160 }} data-testid="filter-role" options={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item name="status" label={t('org.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            data-testid="filter-status"
            options={[
              { value: 'normal', label: t('org.statusNormal') },
              { value: 'locked', label: t('org.statusLocked') },
            ]}
          />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')}>
          <Input allowClear style={{ width: 140 }} data-testid="filter-name" />
        </Form.Item>
        <Form.Item name="accountName" label={t('org.accountName')}>
          <Input allowClear style={{ width: 140 }} data-testid="filter-accountName" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="filter-search">
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
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Button type="primary" onClick={() => navigate(`${PARTNER_BASE}/org/members/create`)} data-testid="create-member">
            {t('org.createMember')}
          </Button>
          <Dropdown
            menu={{
              items: [
                { key: 'export', label: <span data-testid="export-members">{t('exports.exportMembers')}</span>, onClick: () => void createExport({ kind: 'org.members', params: { ...filters } }) },
                { key: 'records', label: <span data-testid="view-export-records">{t('exports.viewRecords')}</span>, onClick: () => navigate(`${PARTNER_BASE}/exports`) },
              ],
            }}
          >
            <Button data-testid="export-menu">
              {t('exports.export')} <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
        <Popover
          trigger="click"
          placement="bottomRight"
          content={
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column' }}
              value={allColumns.map((c) => String(c.key)).filter((k) => !hidden.includes(k))}
              onChange={(visible) => setHidden(allColumns.map((c) => String(c.key)).filter((k) => !visible.includes(k) && k !== 'operation'))}
              options={allColumns.filter((c) => c.key !== 'operation').map((c) => ({ value: String(c.key), label: c.title as string }))}
            />
          }
        >
          <Button icon={<SettingOutlined />} aria-label="columns" data-testid="column-settings" />
        </Popover>
      </Space>
      <Table<Member>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        columns={columns}
        data-testid="members-table"
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize,
          total: query.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
      />
      <MemberDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}
