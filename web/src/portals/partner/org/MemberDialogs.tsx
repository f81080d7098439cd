import { Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Member } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { LivePasswordRules, usePasswordRules } from '../../../components/password';
import { ORG_KEYS, useMember } from './api';
import { MemberFields } from './MemberFields';
import { RolePickerFields } from './RolePicker';

export type MemberDialog = { kind: 'edit' | 'roles' | 'password'; member: Member } | null;

/** The three row dialogs of 人员管理: 修改个人信息, 分配角色, 重置密码. */
export function MemberDialogs({ dialog, onClose }: { dialog: MemberDialog; onClose: () => void }) {
  if (!dialog) return null;
  if (dialog.kind === 'edit') return <EditMemberModal member={dialog.member} onClose={onClose} />;
  if (dialog.kind === 'roles') return <AssignRolesModal member={dialog.member} onClose={onClose} />;
  return <ResetPasswordModal member={dialog.member} onClose={onClose} />;
}

function useSubmit(onClose: () => void) {
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  const run = async (form: Parameters<typeof handleError>[1], call: () => Promise<unknown>, toast: string) => {
    setSaving(true);
    try {
      await call();
      void message.success(toast);
      await qc.invalidateQueries({ queryKey: ORG_KEYS.members });
      await qc.invalidateQueries({ queryKey: ORG_KEYS.roles });
      onClose();
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };
  return { saving, run };
}

function EditMemberModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { saving, run } = useSubmit(onClose);
  return (
    <Modal open title={t('org.editMember')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'member-edit-ok' }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...member, landline: member.landline ?? '' }}
        data-testid="member-edit-form"
        onFinish={(v: Pick<Member, 'name' | 'mobile' | 'email' | 'landline' | 'status'>) =>
          run(form, () => api.PATCH('/api/org/members/{id}', { params: { path: { id: member.id } }, body: { name: v.name, mobile: v.mobile, email: v.email, landline: v.landline || null, status: v.status } }), t('common.modified'))
        }
      >
        <MemberFields mode="edit" />
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

function AssignRolesModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { saving, run } = useSubmit(onClose);
  // The detail carries per-member role locks (a pending qualification review).
  const detail = useMember(member.id);
  const current = detail.data ?? member;
  useEffect(() => {
    form.setFieldsValue({ roleIds: current.roles.map((r) => r.id), supervisorId: current.supervisor?.id });
  }, [current, form]);
  return (
    <Modal open width={640} title={t('org.assignRoles')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'assign-roles-ok' }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        data-testid="assign-roles-form"
        onFinish={(v: { roleIds: string[]; supervisorId?: string }) =>
          run(form, () => api.PUT('/api/org/members/{id}/roles', { params: { path: { id: member.id } }, body: { roleIds: v.roleIds, supervisorId: v.supervisorId || undefined } }), t('org.rolesSaved'))
        }
      >
        <RolePickerFields lockedRoleIds={detail.data?.lockedRoleIds ?? []} excludeMemberId={member.id} />
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const pw = usePasswordRules();
  const { saving, run } = useSubmit(onClose);
  return (
    <Modal open title={`${t('org.resetPassword')} — ${member.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'reset-password-ok' }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        data-testid="reset-password-form"
        onFinish={(v: { password: string; confirmPassword: string }) => run(form, () => api.POST('/api/org/members/{id}/reset-password', { params: { path: { id: member.id } }, body: v }), t('org.passwordReset'))}
      >
        <Form.Item name="password" label={t('org.password')} rules={pw.password} extra={<LivePasswordRules />}>
          <Input.Password data-testid="reset-member-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('org.confirmPassword')} dependencies={['password']} rules={pw.confirm}>
          <Input.Password data-testid="reset-member-confirmPassword" autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

/** "删除人员" confirm dialog; resolves true when deleted. */
export function useDeleteMember() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { modal, message, handleError } = useFeedback();
  return (member: Member, after?: () => void) =>
    modal.confirm({
      title: t('org.deleteMember'),
      content: t('org.deleteMemberConfirm', { name: member.name }),
      okButtonProps: { danger: true, 'data-testid': 'delete-member-ok' },
      okText: t('common.delete'),
      onOk: async () => {
        try {
          await api.DELETE('/api/org/members/{id}', { params: { path: { id: member.id } } });
          void message.success(t('common.deleted'));
          await qc.invalidateQueries({ queryKey: ORG_KEYS.members });
          await qc.invalidateQueries({ queryKey: ORG_KEYS.roles });
          after?.();
        } catch (err) {
          handleError(err);
        }
      },
    });
}
