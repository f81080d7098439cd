import { Alert, Button, Form, Input, Modal, Space, Table } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Contact } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { MOBILE_PATTERN } from '../../../components/password';
import { ORG_KEYS, useContacts } from './api';

/** 客户联系人: 姓名 · 职位 · 手机号码 · 电子邮箱 · 固定电话 · 操作(修改/删除), at most 5. */
export function ContactsTab() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const contacts = useContacts();
  const { modal, message, handleError } = useFeedback();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const items = contacts.data?.items ?? [];
  const limit = contacts.data?.limit ?? 5;

  const remove = (c: Contact) =>
    modal.confirm({
      title: t('org.deleteContact'),
      content: t('org.deleteContactConfirm', { name: c.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'delete-contact-ok' },
      onOk: async () => {
        try {
          await api.DELETE('/api/org/contacts/{id}', { params: { path: { id: c.id } } });
          void message.success(t('common.deleted'));
          await qc.invalidateQueries({ queryKey: ORG_KEYS.contacts });
        } catch (err) {
          handleError(err);
        }
      },
    });

  return (
    <>
      <Alert type="info" showIcon message={t('org.contactLimit', { limit })} style={{ marginBottom: 16 }} />
      <Button type="primary" style={{ marginBottom: 16 }} disabled={items.length >= limit} onClick={() => setEditing('new')} data-testid="create-contact">
        {t('org.createContact')}
      </Button>
      <Table<Contact>
        rowKey="id"
        loading={contacts.isLoading}
        dataSource={items}
        pagination={false}
        data-testid="contacts-table"
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.position'), dataIndex: 'position' },
          { title: t('org.mobile'), dataIndex: 'mobile' },
          { title: t('org.email'), dataIndex: 'email' },
          { title: t('org.landline'), dataIndex: 'landline', render: (v?: string) => v || '-' },
          {
            title: t('common.operation'),
            render: (_, c) => (
              <Space>
                <a onClick={() => setEditing(c)} data-testid={`contact-edit-${c.name}`}>
                  {t('common.edit')}
                </a>
                <a onClick={() => remove(c)} data-testid={`contact-delete-${c.name}`}>
                  {t('common.delete')}
                </a>
              </Space>
            ),
          },
        ]}
      />
      {editing && <ContactEditor contact={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ContactEditor({ contact, onClose }: { contact?: Contact; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Omit<Contact, 'id'>>();
  const { message, handleError } = useFeedback();
  const [saving, setSaving] = useState(false);
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <Modal
      open
      title={contact ? t('org.editContact') : t('org.createContact')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'contact-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={contact ?? {}}
        data-testid="contact-form"
        onFinish={async (v) => {
          setSaving(true);
          const body = { ...v, landline: v.landline || undefined };
          try {
            if (contact) await api.PATCH('/api/org/contacts/{id}', { params: { path: { id: contact.id } }, body });
            else await api.POST('/api/org/contacts', { body });
            void message.success(contact ? t('common.modified') : t('org.contactCreated'));
            await qc.invalidateQueries({ queryKey: ORG_KEYS.contacts });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="name" label={t('org.name')} rules={[required(t('org.name'))]}>
          <Input data-testid="contact-name" />
        </Form.Item>
        <Form.Item name="position" label={t('org.position')} rules={[required(t('org.position'))]}>
          <Input data-testid="contact-position" />
        </Form.Item>
        <Form.Item name="mobile" label={t('org.mobile')} rules={[required(t('org.mobile')), { pattern: MOBILE_PATTERN, message: t('common.invalidMobile') }]}>
          <Input data-testid="contact-mobile" />
        </Form.Item>
        <Form.Item name="email" label={t('org.email')} rules={[required(t('org.email')), { type: 'email', message: t('common.invalidEmail') }]}>
          <Input data-testid="contact-email" />
        </Form.Item>
        <Form.Item name="landline" label={t('org.landline')}>
          <Input data-testid="contact-landline" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
