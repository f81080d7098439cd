import { Alert, Button, Descriptions, Form, Input, Modal, Space, Table, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { PermissionNode, Role, RoleMember } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { ORG_KEYS, usePermissions, useRoles } from './api';

type RoleDialog = { kind: 'create' } | { kind: 'edit' | 'detail' | 'members'; role: Role } | null;

/** 角色管理: preset + custom roles (≤ customLimit), 人员数量 → 角色人员, 详情, 修改, 删除. */
export function RolesTab() {
  const { t } = useTranslation();
  const roles = useRoles();
  const qc = useQueryClient();
  const { modal, message, handleError } = useFeedback();
  const [dialog, setDialog] = useState<RoleDialog>(null);
  const items = roles.data?.items ?? [];
  const customCount = items.filter((r) => !r.preset).length;
  const customLimit = roles.data?.customLimit ?? 10;

  const remove = (role: Role) =>
    modal.confirm({
      title: t('org.deleteRole'),
      content: t('org.deleteRoleConfirm', { name: role.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'delete-role-ok' },
      onOk: async () => {
        try {
          await api.DELETE('/api/org/roles/{id}', { params: { path: { id: role.id } } });
          void message.success(t('common.deleted'));
          await qc.invalidateQueries({ queryKey: ORG_KEYS.roles });
        } catch (err) {
          handleError(err);
        }
      },
    });

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" disabled={customCount >= customLimit} onClick={() => setDialog({ kind: 'create' })} data-testid="create-role">
          {t('org.createRole')}
        </Button>
        <Typography.Text type="secondary" data-testid="custom-role-count">
          {t('org.customLimit', { count: customCount, limit: customLimit })}
        </Typography.Text>
      </Space>
      <Table<Role>
        rowKey="id"
        loading={roles.isLoading}
        dataSource={items}
        pagination={false}
        data-testid="roles-table"
        columns={[
          { title: t('org.roleName'), dataIndex: 'name' },
          { title: t('org.roleDescription'), dataIndex: 'description', render: (v?: string) => v || '-' },
          { title: t('org.roleKind'), dataIndex: 'preset', render: (p: boolean) => (p ? <Tag color="blue">{t('org.rolePreset')}</Tag> : <Tag>{t('org.roleCustom')}</Tag>) },
          {
            title: t('org.memberCount'),
            dataIndex: 'memberCount',
            render: (n: number, r) => (
              <a onClick={() => setDialog({ kind: 'members', role: r })} data-testid={`role-members-${r.name}`}>
                {n}
              </a>
            ),
          },
          {
            title: t('common.operation'),
            render: (_, r) => (
              <Space>
                <a onClick={() => setDialog({ kind: 'detail', role: r })} data-testid={`role-detail-${r.name}`}>
                  {t('common.detail')}
                </a>
                {!r.preset && (
                  <a onClick={() => setDialog({ kind: 'edit', role: r })} data-testid={`role-edit-${r.name}`}>
                    {t('common.edit')}
                  </a>
                )}
                {!r.preset &&
                  (r.memberCount > 0 ? (
                    <Typography.Text type="secondary" title={t('org.roleInUse')}>
                      {t('common.delete')}
                    </Typography.Text>
                  ) : (
                    <a onClick={() => remove(r)} data-testid={`role-delete-${r.name}`}>
                      {t('common.delete')}
                    </a>
                  ))}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' && <RoleEditor onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <RoleEditor role={dialog.role} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'detail' && <RoleDetail role={dialog.role} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'members' && <RoleMembers role={dialog.role} onClose={() => setDialog(null)} />}
    </>
  );
}

function toTreeData(nodes: PermissionNode[], locked: Set<string>, readOnly = false): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.path,
    title: n.title,
    disableCheckbox: readOnly || locked.has(n.path),
    children: n.children?.length ? toTreeData(n.children, locked, readOnly) : undefined,
  }));
}

function leafPaths(nodes: PermissionNode[]): Set<string> {
  const out = new Set<string>();
  const walk = (ns: PermissionNode[]) => ns.forEach((n) => (n.children?.length ? walk(n.children) : out.add(n.path)));
  walk(nodes);
  return out;
}

/** A role's permissions as a checkable menu tree; default permissions always checked. */
function PermissionTree({ value = [], onChange, readOnly }: { value?: string[]; onChange?: (v: string[]) => void; readOnly?: boolean }) {
  const permissions = usePermissions();
  const tree = permissions.data?.tree ?? [];
  const defaults = useMemo(() => new Set(permissions.data?.defaults ?? []), [permissions.data]);
  const leaves = useMemo(() => leafPaths(tree), [tree]);
  const treeData = useMemo(() => toTreeData(tree, defaults, readOnly), [tree, defaults, readOnly]);
  const checked = [...new Set([...value, ...defaults])];
  if (permissions.isLoading) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <div style={{ maxHeight: 360, overflow: 'auto', border: '1px solid #f0f0f0', padding: 8 }} data-testid="permission-tree">
      <Tree
        checkable
        selectable={false}
        defaultExpandAll
        treeData={treeData}
        checkedKeys={checked}
        onCheck={(keys) => {
          const list = (Array.isArray(keys) ? keys : keys.checked).map(String);
          // Send leaves only: a leaf IS a permission; branches are just groupings.
          onChange?.(list.filter((k) => leaves.has(k)));
        }}
      />
    </div>
  );
}

function RoleEditor({ role, onClose }: { role?: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; description?: string; permissions: string[] }>();
  const { message, handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open
      width={720}
      title={role ? t('org.editRole') : t('org.createRole')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'role-editor-ok' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: role?.name, description: role?.description ?? '', permissions: role?.permissions ?? [] }}
        data-testid="role-editor-form"
        onFinish={async (v) => {
          setSaving(true);
          try {
            if (role) await api.PATCH('/api/org/roles/{id}', { params: { path: { id: role.id } }, body: v });
            else await api.POST('/api/org/roles', { body: v });
            void message.success(role ? t('common.modified') : t('org.roleCreated'));
            await qc.invalidateQueries({ queryKey: ORG_KEYS.roles });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Typography.Title level={5}>{t('org.basicInfoStep')}</Typography.Title>
        <Form.Item name="name" label={t('org.roleName')} rules={[{ required: true, message: t('common.required', { field: t('org.roleName') }) }, { max: 32 }]}>
          <Input data-testid="role-name" />
        </Form.Item>
        <Form.Item name="description" label={t('org.roleDescription')} rules={[{ max: 200 }]}>
          <Input.TextArea rows={2} showCount maxLength={200} data-testid="role-description" />
        </Form.Item>
        <Typography.Title level={5}>{t('org.permissionStep')}</Typography.Title>
        <Alert type="info" showIcon message={t('org.permissionsHint')} style={{ marginBottom: 8 }} />
        <Form.Item name="permissions" rules={[{ required: true, type: 'array', min: 1, message: t('org.permissionsRequired') }]}>
          <PermissionTree />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RoleDetail({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open width={720} title={t('org.roleDetail')} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }} data-testid="role-detail">
        <Descriptions.Item label={t('org.roleName')}>{role.name}</Descriptions.Item>
        <Descriptions.Item label={t('org.roleDescription')}>{role.description || '-'}</Descriptions.Item>
        <Descriptions.Item label={t('org.roleKind')}>{role.preset ? t('org.rolePreset') : t('org.roleCustom')}</Descriptions.Item>
        <Descriptions.Item label={t('org.memberCount')}>{role.memberCount}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('org.permissions')}</Typography.Title>
      <PermissionTree value={role.permissions} readOnly />
    </Modal>
  );
}

function RoleMembers({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...ORG_KEYS.roles, role.id, 'members'],
    queryFn: async () => (await api.GET('/api/org/roles/{id}/members', { params: { path: { id: role.id } } })).items,
  });
  return (
    <Modal open width={720} title={`${t('org.roleMembers')} — ${role.name}`} onCancel={onClose} footer={<Button onClick={onClose}>{t('common.close')}</Button>}>
      <Table<RoleMember>
        rowKey="id"
        size="small"
        loading={query.isLoading}
        dataSource={query.data ?? []}
        data-testid="role-members-table"
        columns={[
          { title: t('org.accountName'), dataIndex: 'accountName' },
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.status'), dataIndex: 'status', render: (s: RoleMember['status']) => (s === 'locked' ? t('org.statusLocked') : t('org.statusNormal')) },
        ]}
      />
    </Modal>
  );
}
