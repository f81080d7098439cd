import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Empty, Form, List, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useFeedback } from '../../components/feedback';
import { pickText } from '../../i18n';
import { T } from './text';
import { CodeModal, CUSTOMER_BASE, useTx } from './ui';

/**
 * 我的合作伙伴 > 更多操作 > 解除关联 (guide 13.2, L20136–20178; spec 07 C3, §5.2 customer side):
 * the notes, the 账号检查 (重新检查 after fixing), the tick “我已了解以上注意事项并确认解除关联”,
 * 同意解除关联关系, the SMS code → “申请已提交成功”; the partner then agrees or refuses.
 */
export function UnbindPage() {
  const tx = useTx();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ acknowledged: boolean }>();
  const [codeOpen, setCodeOpen] = useState(false);
  const check = useQuery({ queryKey: ['customer', 'unbind-check'], queryFn: () => api.GET('/api/customer/unbind-check'), retry: false });
  const notAssociated = check.error instanceof ApiError && check.error.code === 'customers.not-associated';

  return (
    <Card title={tx(T.unbind.title)} data-testid="unbind-page" extra={<Button onClick={() => navigate(`${CUSTOMER_BASE}/partners`)}>{t('common.back')}</Button>}>
      {notAssociated ? (
        <Empty description={tx(T.unbind.notAssociated)} data-testid="unbind-not-associated" />
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{tx(T.unbind.intro)}</Typography.Paragraph>
          <div>
            <Typography.Title level={5}>{tx(T.unbind.notesTitle)}</Typography.Title>
            <ol style={{ paddingLeft: 20, margin: 0 }}>
              {T.unbind.notes.map((n) => (
                <li key={n.zh}>{tx(n)}</li>
              ))}
            </ol>
          </div>
          <div>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {tx(T.unbind.checkTitle)}
              </Typography.Title>
              <Button size="small" loading={check.isFetching} onClick={() => check.refetch()} data-testid="unbind-recheck">
                {tx(T.unbind.recheck)}
              </Button>
            </Space>
            {check.isError && !notAssociated ? (
              <Alert type="error" showIcon style={{ marginTop: 8 }} message={check.error instanceof Error ? check.error.message : t('common.error')} />
            ) : (
              <>
                {check.data && (
                  <Alert
                    style={{ margin: '8px 0' }}
                    type={check.data.passed ? 'success' : 'error'}
                    showIcon
                    data-testid="unbind-check-result"
                    message={tx(check.data.passed ? T.unbind.checkPassed : T.unbind.checkFailed)}
                  />
                )}
                <List
                  size="small"
                  bordered
                  loading={check.isLoading}
                  dataSource={check.data?.items ?? []}
                  data-testid="unbind-check-items"
                  locale={{ emptyText: t('common.noData') }}
                  renderItem={(i) => (
                    <List.Item data-testid={`unbind-check-${i.key}`} extra={<Typography.Text type={i.passed ? 'success' : 'danger'}>{tx(i.passed ? T.unbind.passed : T.unbind.failed)}</Typography.Text>}>
                      <Space align="start">
                        {i.passed ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
                        <span>{i.text}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              </>
            )}
          </div>
          <Form
            form={form}
            onFinish={() => setCodeOpen(true)}
            data-testid="unbind-form"
            disabled={!check.data?.passed}
          >
            <Form.Item
              name="acknowledged"
              valuePropName="checked"
              rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(tx(T.process.mustAck)))) }]}
            >
              <Checkbox data-testid="unbind-ack">{tx(T.unbind.ack)}</Checkbox>
            </Form.Item>
            <Button type="primary" danger htmlType="submit" data-testid="unbind-submit">
              {tx(T.unbind.submit)}
            </Button>
          </Form>
        </Space>
      )}
      <CodeModal
        open={codeOpen}
        testId="unbind-code"
        onCancel={() => setCodeOpen(false)}
        onSubmit={async (code) => {
          const res = await api.POST('/api/customer/unbind', { body: { acknowledged: true, code } });
          setCodeOpen(false);
          void message.success(pickText(res.message), 6);
          await qc.invalidateQueries({ queryKey: ['customer'] });
          navigate(`${CUSTOMER_BASE}/partners`);
        }}
        onError={(err) => {
          setCodeOpen(false);
          handleError(err, form);
          void check.refetch();
        }}
      />
    </Card>
  );
}
