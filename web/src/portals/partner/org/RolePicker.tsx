import { Alert, Checkbox, Form, Select, Space, Spin, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';
import { PRESET, useRoles, useSupervisors } from './api';

/** The guide's role rules (L3350–3355), checked here before the server checks them again. */
export function roleRuleError(selected: string[], roles: Role[], t: TFunction): string | null {
  if (selected.length < 1) return t('org.rolesMin');
  if (selected.length > 3) return t('org.rolesMax');
  const keys = selected.map((id) => roles.find((r) => r.id === id)?.presetKey);
  if (keys.includes(PRESET.systemAdmin) && selected.length > 1) return t('org.rolesAdminAlone');
  if (keys.includes(PRESET.accountManager) && keys.includes(PRESET.amSupervisor)) return t('org.rolesManagerConflict');
  return null;
}

export function RoleNotes() {
  const { t } = useTranslation();
  const rules = [t('org.roleRule1'), t('org.roleRule2'), t('org.roleRule3'), t('org.roleRule4'), t('org.roleRule5'), t('org.roleRule6')];
  return (
    <Alert
      type="info"
      showIcon
      message={t('org.roleNotes')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="role-notes">
          {rules.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/**
 * Form fields `roleIds` (checkbox list of all roles) and, when 客户经理 is chosen, `supervisorId`.
 * `lockedRoleIds` are checked and disabled (guide L3355).
 */
export function RolePickerFields({ lockedRoleIds = [], excludeMemberId }: { lockedRoleIds?: string[]; excludeMemberId?: string }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const form = Form.useFormInstance();
  const selected = (Form.useWatch('roleIds', form) as string[] | undefined) ?? [];
  const items = roles.data?.items ?? [];
  const managerChosen = selected.some((id) => items.find((r) => r.id === id)?.presetKey === PRESET.accountManager);
  const supervisors = useSupervisors(managerChosen);
  const locked = new Set(lockedRoleIds);

  if (roles.isLoading) return <Spin />;
  return (
    <>
      <RoleNotes />
      <Form.Item
        name="roleIds"
        label={t('org.role')}
        rules={[{ validator: (_, value: string[] = []) => { const e = roleRuleError(value, items, t); return e ? Promise.reject(new Error(e)) : Promise.resolve(); } }]}
      >
        <Checkbox.Group style={{ width: '100%' }} data-testid="role-picker">
          <Space direction="vertical">
            {items.map((role) => (
              <Checkbox key={role.id} value={role.id} disabled={locked.has(role.id)} data-testid={`role-option-${role.presetKey ?? role.name}`}>
                <Typography.Text strong>{role.name}</Typography.Text>
                {role.description && <Typography.Text type="secondary"> — {role.description}</Typography.Text>}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      {managerChosen && (
        <Form.Item name="supervisorId" label={t('org.supervisor')}>
          <Select
            allowClear
            data-testid="member-supervisor"
            loading={supervisors.isLoading}
            options={(supervisors.data ?? []).filter((m) => m.id !== excludeMemberId).map((m) => ({ value: m.id, label: `${m.name} (${m.accountName})` }))}
          />
        </Form.Item>
      )}
    </>
  );
}
