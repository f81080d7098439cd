import { Alert, Button, Checkbox, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, type ApiData } from '../../api/client';
import { CodeButton } from '../../components/CodeButton';
import { DemoInboxLink } from '../../components/DemoInboxLink';
import { useFeedback } from '../../components/feedback';
import { formatTime } from '../../components/format';
import { T } from './text';
import { CodeModal, CUSTOMER_BASE, useTx } from './ui';

type AuthPage = ApiData<'/api/customer/authorizations', 'get'>;
type Authorization = AuthPage['items'][number];

const STATUS_COLORS: Record<string, string> = { pending: 'orange', granted: 'green', refused: 'default', revoked: 'default' };

/**
 * 我的合作伙伴 > 授权管理 (guide 13.8, L20339–20383; spec 07 §3.4, C11–C12): the partners' requests,
 * 处理授权 (《华为云用户授权书》 → 同意 + code, or 拒绝) and 取消授权 (取消原因 + code).
 */
export function AuthorizationsTab() {
  const tx = useTx();
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const [processing, setProcessing] = useState<Authorization | null>(null);
  const [revoking, setRevoking] = useState<Authorization | null>(null);
  const q = useQuery({
    queryKey: ['customer', 'authorizations', page, pageSize],
    queryFn: () => api.GET('/api/customer/authorizations', { params: { query: { page, pageSize } } }),
    placeholderData: keepPreviousData,
  });
  const letter = q.data?.letter ?? { title: '《华为云用户授权书》', version: 'V1.0' };

  const columns: TableColumnsType<Authorization> = [
    { key: 'partner', title: tx(T.auth.partnerName), dataIndex: 'partnerName' },
    {
      key: 'scopes',
      title: tx(T.auth.scopes),
      render: (_, a) => (
        <Space size={4} wrap>
          {a.scopes.map((s) => (
            <Tag key={s}>{T.auth.scopeNames[s] ? tx(T.auth.scopeNames[s]) : s}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'status',
      title: tx(T.auth.status),
      render: (_, a) => (
        <Tag color={STATUS_COLORS[a.status]} data-testid={`authorization-status-${a.partnerName}`}>
          {a.statusName}
        </Tag>
      ),
    },
    { key: 'requestedAt', title: tx(T.auth.requestedAt), render: (_, a) => formatTime(a.requestedAt) },
    { key: 'decidedAt', title: tx(T.auth.decidedAt), render: (_, a) => formatTime(a.decidedAt) },
    { key: 'revokedAt', title: tx(T.auth.revokedAt), render: (_, a) => formatTime(a.revokedAt) },
    { key: 'revokeReason', title: tx(T.auth.revokeReason), render: (_, a) => a.revokeReason ?? '-' },
    {
      key: 'op',
      title: t('common.operation'),
      fixed: 'right',
      render: (_, a) => (
        <Space>
          {a.canDecide && (
            <Button type="link" size="small" data-testid={`authorization-process-${a.partnerName}`} onClick={() => setProcessing(a)}>
              {tx(T.auth.process)}
            </Button>
          )}
          {a.canRevoke && (
            <Button type="link" size="small" danger data-testid={`authorization-revoke-${a.partnerName}`} onClick={() => setRevoking(a)}>
              {tx(T.auth.revoke)}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{tx(T.auth.intro)}</Typography.Paragraph>
      <Table<Authorization>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="authorizations-table"
        locale={{ emptyText: <span data-testid="authorizations-empty">{tx(T.auth.empty)}</span> }}
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
      {processing && <ProcessAuthorizationModal authorization={processing} letter={letter} onClose={() => setProcessing(null)} />}
      {revoking && <RevokeModal authorization={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}

/** 处理授权: 《华为云用户授权书》, “我阅读并同意《华为云用户授权书》”, 同意 → code → 确定; or 拒绝. */
function ProcessAuthorizationModal({ authorization, letter, onClose }: { authorization: Authorization; letter: { title: string; version: string }; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message, modal, handleError } = useFeedback();
  const [form] = Form.useForm<{ acceptLetter: boolean }>();
  const [codeOpen, setCodeOpen] = useState(false);
  const id = authorization.id;
  const refresh = () => qc.invalidateQueries({ queryKey: ['customer'] });

  return (
    <>
      <Modal
        open
        title={tx(T.auth.process)}
        width={680}
        onCancel={onClose}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              danger
              data-testid="authorization-refuse"
              onClick={() =>
                modal.confirm({
                  title: tx(T.auth.refuseConfirm),
                  okText: t('common.ok'),
                  cancelText: t('common.cancel'),
                  okButtonProps: { 'data-testid': 'authorization-refuse-ok' },
                  onOk: async () => {
                    try {
                      await api.POST('/api/customer/authorizations/{id}/refuse', { params: { path: { id } }, body: {} });
                      void message.success(t('common.operationSuccess'));
                      await refresh();
                      onClose();
                    } catch (err) {
                      handleError(err);
                    }
                  },
                })
              }
            >
              {tx(T.auth.refuse)}
            </Button>
            <Button
              type="primary"
              data-testid="authorization-agree"
              onClick={async () => {
                try {
                  await form.validateFields();
                  setCodeOpen(true);
                } catch {
                  /* shown on the checkbox */
                }
              }}
            >
              {tx(T.auth.agree)}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>
          {tx(T.auth.partnerName)}：<strong>{authorization.partnerName}</strong>
        </Typography.Paragraph>
        <div style={{ maxHeight: 260, overflowY: 'auto', padding: 12, border: '1px solid #f0f0f0', borderRadius: 4, background: '#fafafa' }} data-testid="authorization-letter">
          <Typography.Title level={5} style={{ marginTop: 0, textAlign: 'center' }}>
            {letter.title} <Typography.Text type="secondary">({letter.version})</Typography.Text>
          </Typography.Title>
          <Typography.Paragraph>{tx(T.auth.letterIntro)}</Typography.Paragraph>
          <Typography.Paragraph>{tx(T.auth.letterScopeTitle)}</Typography.Paragraph>
          {T.auth.letterScope.map((s) => (
            <Typography.Paragraph key={s.zh} style={{ marginBottom: 4 }}>
              {tx(s)}
            </Typography.Paragraph>
          ))}
          <Typography.Paragraph style={{ marginTop: 8 }}>{tx(T.auth.letterTerm)}</Typography.Paragraph>
        </div>
        <Form form={form} style={{ marginTop: 12 }}>
          <Form.Item
            name="acceptLetter"
            valuePropName="checked"
            style={{ marginBottom: 0 }}
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(tx(T.auth.mustAccept)))) }]}
          >
            <Checkbox data-testid="authorization-accept-letter">{tx(T.auth.acceptLetter(letter.title))}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
      <CodeModal
        open={codeOpen}
        testId="authorization-code"
        onCancel={() => setCodeOpen(false)}
        onSubmit={async (code) => {
          await api.POST('/api/customer/authorizations/{id}/grant', { params: { path: { id } }, body: { acceptLetter: true, code } });
          setCodeOpen(false);
          await refresh();
          onClose();
          modal.success({
            title: tx(T.auth.granted),
            content: <span data-testid="authorization-granted">{tx(T.auth.grantedTip)}</span>,
            okText: tx(T.auth.viewAudit),
            okCancel: true,
            cancelText: t('common.close'),
            onOk: () => navigate(`${CUSTOMER_BASE}/audit`),
          });
        }}
        onError={(err) => {
          setCodeOpen(false);
          handleError(err, form);
        }}
      />
    </>
  );
}

/** 取消授权: 取消原因 and the SMS code in one form, 确定. */
function RevokeModal({ authorization, onClose }: { authorization: Authorization; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ reason: string; code: string }>();
  const [busy, setBusy] = useState(false);
  const profile = useQuery({ queryKey: ['profile'], queryFn: () => api.GET('/api/profile'), staleTime: 60_000 });

  const send = async () => {
    try {
      await api.POST('/api/customer/verification-code', { body: {} });
      void message.success(tx(T.code.sent));
      return true;
    } catch (err) {
      handleError(err);
      return false;
    }
  };

  return (
    <Modal
      open
      title={tx(T.auth.revoke)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'revoke-ok' }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={tx(T.auth.revokeDesc)} />
      <Form
        form={form}
        layout="vertical"
        data-testid="revoke-form"
        onFinish={async (v) => {
          setBusy(true);
          try {
            await api.POST('/api/customer/authorizations/{id}/revoke', { params: { path: { id: authorization.id } }, body: { reason: v.reason.trim(), code: v.code.trim() } });
            void message.success(tx(T.auth.revoked));
            await qc.invalidateQueries({ queryKey: ['customer'] });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="reason" label={tx(T.auth.revokeReason)} rules={[{ required: true, whitespace: true, message: tx(T.auth.reasonRequired) }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={tx(T.auth.reasonPlaceholder)} data-testid="revoke-reason" autoFocus />
        </Form.Item>
        <Form.Item label={tx(T.code.label)} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="code" noStyle rules={[{ required: true, message: t('common.required', { field: tx(T.code.label) }) }]}>
              <Input data-testid="revoke-code" autoComplete="one-time-code" maxLength={12} />
            </Form.Item>
            <CodeButton onSend={send} testId="revoke-send-code" />
          </Space.Compact>
        </Form.Item>
        <DemoInboxLink address={profile.data?.mobile} />
        {/* Enter in a field submits, like the dialog's 确定 */}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
