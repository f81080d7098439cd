import { Alert, Button, Card, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../../../api/client';
import { LinkButton } from '../../../../components/LinkButton';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { KEYS, ROUTES, useAccess, type Recipient } from '../api';
import { T, tx } from '../text';
import { emptyText, Money, ActionLink } from '../ui';

/**
 * 伙伴预算提醒 (op 18, guide 9055–9069; the message centre's 消息接收配置 > 财务消息 > 伙伴预算提醒):
 * 添加接收人 → 姓名 / 邮箱 / 手机 → 保存 (repeat) → 确认. Recipients are told at 75 / 90 / 100 % of a
 * customer's budget. The administrator edits; 云经销商 have none.
 */
export function BudgetPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const { isAdmin } = useAccess();
  const [form] = Form.useForm<{ name: string; email?: string; mobile?: string }>();
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: [...KEYS.budget, 'recipients'], queryFn: () => api.GET('/api/customers/budget-recipients'), retry: false });
  const alerts = useQuery({
    queryKey: [...KEYS.budget, 'alerts', page],
    queryFn: () => api.GET('/api/customers/budget-alerts', { params: { query: { page, pageSize: 10 } } }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const reseller = q.error instanceof ApiError && q.error.code === 'customers.budget.reseller';

  const save = async (v: { name: string; email?: string; mobile?: string }) => {
    setSaving(true);
    try {
      await api.POST('/api/customers/budget-recipients', { body: { name: v.name.trim(), email: v.email?.trim() || null, mobile: v.mobile?.trim() || null } });
      void message.success(t('common.saved'));
      form.resetFields();
      setAdding(false);
      await qc.invalidateQueries({ queryKey: KEYS.budget });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };
  const remove = async (r: Recipient) => {
    try {
      await api.DELETE('/api/customers/budget-recipients/{id}', { params: { path: { id: r.id } } });
      void message.success(t('common.deleted'));
      await qc.invalidateQueries({ queryKey: KEYS.budget });
    } catch (err) {
      handleError(err);
    }
  };

  return (
    <Card title={<span data-testid="budget-title">{tx(T.budgetTitle)}</span>} extra={<LinkButton to={ROUTES.customers}>{tx(T.back)}</LinkButton>}>
      <Typography.Paragraph type="secondary">{tx(T.budgetPath)}</Typography.Paragraph>
      {reseller ? (
        <Alert type="info" showIcon title={tx(T.resellerNoBudget)} data-testid="budget-reseller" />
      ) : (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={tx(T.budgetHelp)} data-testid="budget-help" />
          {q.error && !reseller && <Alert type="error" title={(q.error as Error).message} style={{ marginBottom: 12 }} />}
          <Space style={{ marginBottom: 12 }} wrap>
            {isAdmin ? (
              <Button type="primary" danger onClick={() => setAdding(true)} disabled={adding || (q.data ? q.data.items.length >= q.data.limit : false)} data-testid="budget-add">
                {tx(T.addRecipient)}
              </Button>
            ) : (
              <Typography.Text type="secondary">{tx(T.adminOnlyEdit)}</Typography.Text>
            )}
            {q.data && <Typography.Text type="secondary">{tx(T.recipientsLimit, { limit: q.data.limit })}</Typography.Text>}
          </Space>
          {adding && (
            <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} onFinish={save} data-testid="budget-form">
              <Form.Item name="name" label={tx(T.recipientName)} rules={[{ required: true, whitespace: true, message: tx(T.recipientName) }, { max: 64 }]}>
                <Input maxLength={64} autoFocus data-testid="budget-name" />
              </Form.Item>
              <Form.Item name="email" label={tx(T.mailbox)} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
                <Input maxLength={128} data-testid="budget-email" />
              </Form.Item>
              <Form.Item
                name="mobile"
                label={tx(T.recipientMobile)}
                dependencies={['email']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) => (v?.trim() || String(getFieldValue('email') ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(tx(T.recipientContact)))),
                  }),
                ]}
              >
                <Input maxLength={32} data-testid="budget-mobile" />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="budget-save">
                  {t('common.save')}
                </Button>
                <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
              </Space>
            </Form>
          )}
          <Table<Recipient>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            pagination={false}
            data-testid="budget-recipients"
            locale={emptyText(T.recipientsEmpty, 'budget-empty')}
            columns={[
              { key: 'n', title: tx(T.recipientName), dataIndex: 'name' },
              { key: 'e', title: tx(T.mailbox), render: (_, r) => r.email ?? '--' },
              { key: 'm', title: tx(T.recipientMobile), render: (_, r) => r.mobile ?? '--' },
              { key: 'c', title: t('common.createdAt'), render: (_, r) => formatTime(r.createdAt) },
              ...(isAdmin
                ? [
                    {
                      key: 'op',
                      title: t('common.operation'),
                      render: (_: unknown, r: Recipient) => (
                        <Popconfirm title={t('common.delete')} onConfirm={() => remove(r)}>
                          <Button type="link" size="small" style={{ padding: 0 }} data-testid={`budget-delete-${r.id}`}>
                            {t('common.delete')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" onClick={() => navigate(ROUTES.customers)} data-testid="budget-confirm">
              {t('common.confirm')}
            </Button>
          </Space>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {tx(T.budgetAlerts)}
          </Typography.Title>
          <Table
            rowKey={(r) => `${r.customerId}-${r.threshold}-${r.alertedAt}`}
            size="small"
            loading={alerts.isFetching}
            dataSource={alerts.data?.items ?? []}
            data-testid="budget-alerts"
            pagination={{ current: page, pageSize: 10, total: alerts.data?.total ?? 0, onChange: setPage }}
            columns={[
              { key: 'c', title: tx(T.customerId), dataIndex: 'customerId', render: (v: string) => <ActionLink onClick={() => navigate(ROUTES.customer(v))}>{v.slice(0, 8)}…</ActionLink> },
              { key: 't', title: tx(T.threshold), render: (_, r) => `${r.threshold}%` },
              { key: 'b', title: tx(T.budget), align: 'right', render: (_, r) => <Money bare value={r.budget} /> },
              { key: 'u', title: tx(T.used), align: 'right', render: (_, r) => <Money bare value={r.used} /> },
              { key: 'a', title: tx(T.alertedAt), render: (_, r) => formatTime(r.alertedAt) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
