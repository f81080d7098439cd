import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTx } from '../paths/ui';
import { submitOnEnter, type Contact } from './api';
import { EMAIL_RE, LIMITS, MOBILE_RE, T } from './text';

/**
 * 联系人信息 (spec 01 §2.5): 姓名 · 手机 · 邮箱 · 操作 (修改 / 删除), "添加" opens the dialog; at least
 * one contact ("请至少创建一个联系人"). A form control: its value is the contact list.
 */
export function ContactsTable({ value = [], onChange, disabled, testId = 'program-contacts' }: { value?: Contact[]; onChange?: (v: Contact[]) => void; disabled?: boolean; testId?: string }) {
  const tx = useTx();
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [form] = Form.useForm<Contact>();
  const open = (i: number | 'new') => {
    form.resetFields();
    if (i !== 'new') form.setFieldsValue(value[i]!);
    setEditing(i);
  };
  const save = (c: Contact) => {
    const clean = { name: c.name.trim(), mobile: c.mobile.trim(), email: c.email.trim() };
    onChange?.(editing === 'new' ? [...value, clean] : value.map((x, i) => (i === editing ? clean : x)));
    setEditing(null);
  };
  return (
    <div data-testid={testId}>
      <Space style={{ marginBottom: 8 }}>
        <Button icon={<PlusOutlined />} onClick={() => open('new')} disabled={disabled || value.length >= LIMITS.contacts} data-testid={`${testId}-add`}>
          {tx(T.add)}
        </Button>
        <Typography.Text type="secondary">{tx(T.contactsHint)}</Typography.Text>
      </Space>
      <Table<Contact & { i: number }>
        size="small"
        rowKey="i"
        pagination={false}
        dataSource={value.map((c, i) => ({ ...c, i }))}
        locale={{ emptyText: tx(T.contactsRequired) }}
        columns={[
          { key: 'name', title: tx(T.contactName), dataIndex: 'name' },
          { key: 'mobile', title: tx(T.contactMobile), dataIndex: 'mobile' },
          { key: 'email', title: tx(T.contactEmail), dataIndex: 'email' },
          {
            key: 'op',
            title: tx({ zh: '操作', en: 'Actions' }),
            render: (_, r) => (
              <Space>
                <Button type="link" size="small" disabled={disabled} onClick={() => open(r.i)} data-testid={`${testId}-edit-${r.i}`}>
                  {tx(T.edit)}
                </Button>
                <Button type="link" size="small" danger disabled={disabled} onClick={() => onChange?.(value.filter((_, i) => i !== r.i))} data-testid={`${testId}-delete-${r.i}`}>
                  {tx({ zh: '删除', en: 'Delete' })}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={tx(editing === 'new' ? T.contactDialogAdd : T.contactDialogEdit)}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={tx(T.ok)}
        okButtonProps={{ 'data-testid': `${testId}-ok` }}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save} onKeyDown={submitOnEnter(form)}>
          <Form.Item name="name" label={tx(T.contactName)} rules={[{ required: true, whitespace: true, message: tx(T.required, { field: tx(T.contactName) }) }, { max: LIMITS.name }]}>
            <Input autoFocus data-testid={`${testId}-name`} />
          </Form.Item>
          <Form.Item name="mobile" label={tx(T.contactMobile)} rules={[{ required: true, message: tx(T.required, { field: tx(T.contactMobile) }) }, { pattern: MOBILE_RE, message: tx(T.invalidMobile) }]}>
            <Input placeholder="13800000000" data-testid={`${testId}-mobile`} />
          </Form.Item>
          <Form.Item name="email" label={tx(T.contactEmail)} rules={[{ required: true, message: tx(T.required, { field: tx(T.contactEmail) }) }, { pattern: EMAIL_RE, message: tx(T.invalidEmail) }, { max: 100 }]}>
            <Input data-testid={`${testId}-email`} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
