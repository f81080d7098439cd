import { Alert, Button, Checkbox, Form, Modal, Space, Tabs, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFeedback } from '../../components/feedback';
import { pickText } from '../../i18n';
import { T } from './text';
import { CodeModal, NoticeText, useTx, type MyPartner, type NoticeView, type PendingRequest } from './ui';

/**
 * The two notices a switch asks the customer to accept (关联关系切换须知 and the target mode's
 * 《客户关联华为云合作伙伴须知》, 10.4.1.5 L9175). Read from the pending request when the API sends them.
 */
type SwitchNotices = { switchNotice?: NoticeView | null; associationNotice?: NoticeView | null };

const TYPE_NAMES: Record<string, { zh: string; en: string }> = { consulting: { zh: '顾问销售', en: 'Consulting' }, resale: { zh: '代售', en: 'Resale' } };
export const typeName = (type: string | null | undefined) => (type && TYPE_NAMES[type] ? pickText(TYPE_NAMES[type]) : (type ?? '-'));

/**
 * 立即处理 (guide 13.2 其他操作 L20182; 10.4.1.5 L9170–9176): the partner's unbind or switch request.
 * Unbind: the notes, a tick, 同意 or 拒绝, then the SMS code. Switch: both notices each ticked
 * “我已了解以上注意事项并确定切换关联关系”, 同意切换, then the code (the server runs the account check).
 */
export function ProcessRequestModal({ partner, request, onClose }: { partner: MyPartner; request: PendingRequest; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ acknowledged: boolean; switchAck: boolean; associationAck: boolean }>();
  const [decision, setDecision] = useState<'accept' | 'refuse' | null>(null);
  const isSwitch = request.type === 'switch';
  const notices = request as PendingRequest & SwitchNotices;
  const switchNotice = notices.switchNotice ?? null;
  const associationNotice = notices.associationNotice ?? null;
  const noticesMissing = isSwitch && (!switchNotice || !associationNotice);

  const ackRule = { validator: (_: unknown, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(tx(T.process.mustAck)))) };

  const decide = async (code: string) => {
    const id = request.id;
    const res =
      decision === 'refuse'
        ? await api.POST('/api/customer/association-requests/{id}/refuse', { params: { path: { id } }, body: { code } })
        : await api.POST('/api/customer/association-requests/{id}/accept', {
            params: { path: { id } },
            body: {
              code,
              acknowledged: true,
              ...(isSwitch ? { switchNoticeVersion: switchNotice?.version, associationNoticeVersion: associationNotice?.version } : {}),
            },
          });
    void message.success(pickText(res.message));
    setDecision(null);
    await qc.invalidateQueries({ queryKey: ['customer'] });
    onClose();
  };

  const from = pickText(partner.associationTypeName);
  return (
    <>
      <Modal
        open
        title={tx(isSwitch ? T.process.switchTitle : T.process.unbindTitle)}
        onCancel={onClose}
        width={680}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button danger data-testid="process-refuse" onClick={() => setDecision('refuse')}>
              {tx(T.process.refuse)}
            </Button>
            <Button
              type="primary"
              data-testid="process-accept"
              disabled={noticesMissing}
              onClick={async () => {
                try {
                  await form.validateFields();
                  setDecision('accept');
                } catch {
                  /* the form shows what is missing */
                }
              }}
            >
              {tx(isSwitch ? T.process.agreeSwitch : T.process.agreeUnbind)}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" data-testid="process-form">
          <Typography.Paragraph strong data-testid="process-desc">
            {isSwitch ? tx(T.process.switchDesc(partner.partnerName, from, typeName(request.toType))) : tx(T.process.unbindDesc(partner.partnerName))}
          </Typography.Paragraph>
          {request.reason && (
            <Typography.Paragraph>
              {tx(T.partners.reason)}：{request.reason}
            </Typography.Paragraph>
          )}
          {isSwitch ? (
            noticesMissing ? (
              <Alert type="warning" showIcon message={tx(T.process.noticeMissing)} />
            ) : (
              <>
                <Alert type="info" showIcon style={{ marginBottom: 12 }} message={tx(T.process.accountCheck)} />
                <Tabs
                  items={[
                    {
                      key: 'switch',
                      label: tx(T.process.switchNoticeTab),
                      forceRender: true,
                      children: (
                        <>
                          <NoticeText notice={switchNotice!} testId="process-switch-notice" />
                          <Form.Item name="switchAck" valuePropName="checked" rules={[ackRule]} style={{ marginTop: 8 }}>
                            <Checkbox data-testid="process-switch-ack">{tx(T.process.switchAck)}</Checkbox>
                          </Form.Item>
                        </>
                      ),
                    },
                    {
                      key: 'association',
                      label: tx(T.process.associationNoticeTab),
                      forceRender: true,
                      children: (
                        <>
                          <NoticeText notice={associationNotice!} testId="process-association-notice" />
                          <Form.Item name="associationAck" valuePropName="checked" rules={[ackRule]} style={{ marginTop: 8 }}>
                            <Checkbox data-testid="process-association-ack">{tx(T.process.switchAck)}</Checkbox>
                          </Form.Item>
                        </>
                      ),
                    },
                  ]}
                />
              </>
            )
          ) : (
            <>
              <ul style={{ paddingLeft: 20 }}>
                {T.process.unbindNotes.map((n) => (
                  <li key={n.zh}>{tx(n)}</li>
                ))}
              </ul>
              <Form.Item name="acknowledged" valuePropName="checked" rules={[ackRule]}>
                <Checkbox data-testid="process-ack">{tx(T.process.unbindAck)}</Checkbox>
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
      <CodeModal
        open={decision !== null}
        testId="process-code"
        onCancel={() => setDecision(null)}
        onSubmit={decide}
        onError={(err) => {
          setDecision(null);
          handleError(err, form);
        }}
      />
    </>
  );
}

/** 立即签署 → 签署协议 (guide 13.11, L20400–20433): the new version, “我已阅读并同意”, 签署 → 操作成功. */
export function SignNoticeModal({ notice, onClose }: { notice: NoticeView; onClose: () => void }) {
  const tx = useTx();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<{ agreed: boolean }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={tx(T.sign.title)}
      onCancel={onClose}
      width={680}
      onOk={() => form.submit()}
      okText={tx(T.sign.submit)}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'sign-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        onFinish={async () => {
          setBusy(true);
          try {
            const res = await api.POST('/api/customer/agreements/sign', { body: { version: notice.version, agreed: true } });
            void message.success(pickText(res.message));
            await qc.invalidateQueries({ queryKey: ['customer'] });
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setBusy(false);
          }
        }}
      >
        <NoticeText notice={notice} testId="sign-notice" />
        <Form.Item
          name="agreed"
          valuePropName="checked"
          style={{ marginTop: 12, marginBottom: 0 }}
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(tx(T.sign.mustAgree)))) }]}
        >
          <Checkbox data-testid="sign-agree">{tx(T.sign.agree)}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export type { NoticeView };
