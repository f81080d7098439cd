import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Radio, Result, Row, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import { useFeedback } from '../../../../components/feedback';
import { formatTime } from '../../../../components/format';
import { KEYS, useAccess, useManagers, type Link } from '../api';
import { T, tx } from '../text';
import { TYPE_COLORS, useCopy, ActionLink } from '../ui';

const qrUrl = (id: string) => `/api/customers/invitation-links/${encodeURIComponent(id)}/qr`;

/** 线下拓展 (op 9, guide 8314–8415): 通用 / 自定义 / 活动邀请链接, each link with 复制 and its QR with 点击下载. */
export function OfflineTab() {
  useTranslation();
  const [tab, setTab] = useState('generic');
  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={tx(T.autoAssignNote)} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'generic', label: <span data-testid="tab-generic-links">{tx(T.genericLinks)}</span>, children: <GenericLinks /> },
          { key: 'custom', label: <span data-testid="tab-custom-links">{tx(T.customLinks)}</span>, children: <LinkForm kind="custom" /> },
          { key: 'activity', label: <span data-testid="tab-activity-links">{tx(T.activityLinks)}</span>, children: <LinkForm kind="activity" /> },
        ]}
      />
    </>
  );
}

/** The link with 复制 and the QR image with 点击下载 (the PNG route). */
export function LinkAndQr({ link }: { link: Link }) {
  const copy = useCopy();
  return (
    <Space align="start" size={24} wrap>
      <div style={{ maxWidth: 460 }}>
        <div style={{ color: '#8c8c8c', marginBottom: 4 }}>{tx(T.inviteLink)}</div>
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={link.url} data-testid={`link-url-${link.id}`} aria-label={tx(T.inviteLink)} />
          <Button onClick={() => void copy(link.url)} data-testid={`link-copy-${link.id}`}>
            {tx(T.copy)}
          </Button>
        </Space.Compact>
      </div>
      <div style={{ textAlign: 'center' }}>
        <div style={{ color: '#8c8c8c', marginBottom: 4 }}>{tx(T.qrCode)}</div>
        <img src={link.qrDataUrl} alt={tx(T.qrCode)} width={128} height={128} data-testid={`link-qr-${link.id}`} />
        <div>
          <a href={qrUrl(link.id)} download data-testid={`link-qr-download-${link.id}`}>
            <DownloadOutlined /> {tx(T.download)}
          </a>
        </div>
      </div>
    </Space>
  );
}

/** 通用邀请链接: one per 关联类型, tagged with the signed-in user's account name. */
function GenericLinks() {
  const q = useQuery({ queryKey: [...KEYS.links, 'generic'], queryFn: () => api.GET('/api/customers/invitation-links/generic') });
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" title={(q.error as Error).message} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{tx(T.genericNote)}</Typography.Paragraph>
      <Row gutter={[16, 16]} data-testid="generic-links">
        {(q.data?.items ?? []).map((l) => (
          <Col key={l.id} xs={24} xl={12}>
            <Card
              size="small"
              title={
                <Space>
                  {tx(T.associationType)}
                  <Tag color={TYPE_COLORS[l.associationType]} data-testid={`generic-link-type-${l.associationType}`}>
                    {l.associationTypeName}
                  </Tag>
                </Space>
              }
              extra={
                <span>
                  {tx(T.customTag)}：{l.tag ?? '--'}
                </span>
              }
            >
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {tx(T.associationTypeDescs[l.associationType as 'consulting' | 'resale'] ?? T.none)}
              </Typography.Paragraph>
              <LinkAndQr link={l} />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}

interface LinkValues {
  associationType: 'consulting' | 'resale';
  customType?: 'tag' | 'dedicated_am';
  tag?: string;
  accountManagerId?: string;
  activityId?: string;
  remark?: string;
}

/** 自定义 / 活动邀请链接: the form, 生成邀请链接及二维码 → the success dialog, and 生成记录. */
function LinkForm({ kind }: { kind: 'custom' | 'activity' }) {
  const qc = useQueryClient();
  const { handleError } = useFeedback();
  const access = useAccess();
  const [form] = Form.useForm<LinkValues>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<Link | null>(null);
  const [history, setHistory] = useState(false);
  const customType = Form.useWatch('customType', form);
  const type = Form.useWatch('associationType', form);
  const managers = useManagers(access.canAssign);
  const activities = useQuery({ queryKey: [...KEYS.links, 'activities'], queryFn: () => api.GET('/api/customers/activities'), enabled: kind === 'activity' });
  // Without the 客户分配 right the picker offers the signed-in member (a manager picks themself).
  const managerOptions = access.canAssign
    ? (managers.data ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.accountName})` }))
    : access.memberId
      ? [{ value: access.memberId, label: access.me?.actor.displayName ?? access.memberId }]
      : [];
  const managerRequired = kind === 'activity' || customType === 'dedicated_am';

  const submit = async (v: LinkValues) => {
    setSaving(true);
    try {
      const link = await api.POST('/api/customers/invitation-links', {
        body: {
          kind,
          associationType: v.associationType,
          customType: kind === 'custom' ? v.customType : undefined,
          tag: kind === 'custom' && v.customType === 'tag' ? v.tag?.trim() : undefined,
          accountManagerId: v.accountManagerId || undefined,
          activityId: kind === 'activity' ? v.activityId : undefined,
          remark: v.remark?.trim() || undefined,
        },
      });
      setCreated(link);
      await qc.invalidateQueries({ queryKey: [...KEYS.links, 'history', kind] });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{tx(kind === 'custom' ? T.customPrompt : T.activityNote)}</Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }} initialValues={{ associationType: 'consulting', customType: 'tag' }} onFinish={submit} data-testid={`${kind}-link-form`}>
        <Form.Item name="associationType" label={tx(T.associationType)} rules={[{ required: true }]} extra={type ? tx(T.associationTypeDescs[type]) : undefined}>
          <Radio.Group data-testid={`${kind}-link-type`}>
            <Radio value="consulting" data-testid={`${kind}-link-type-consulting`}>
              {tx(T.consulting)}
            </Radio>
            <Radio value="resale" data-testid={`${kind}-link-type-resale`}>
              {tx(T.resale)}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {kind === 'custom' && (
          <>
            <Form.Item name="customType" label={tx(T.customType)} rules={[{ required: true }]} extra={tx(customType === 'dedicated_am' ? T.dedicatedAmHelp : T.customTagHelp)}>
              <Radio.Group data-testid="custom-link-customType">
                <Radio value="tag" data-testid="custom-link-customType-tag">
                  {tx(T.customTag)}
                </Radio>
                <Radio value="dedicated_am" data-testid="custom-link-customType-am">
                  {tx(T.dedicatedAm)}
                </Radio>
              </Radio.Group>
            </Form.Item>
            {customType !== 'dedicated_am' && (
              <Form.Item name="tag" label={tx(T.customTag)} rules={[{ required: true, whitespace: true, message: tx(T.customTag) }, { max: 64 }]}>
                <Input maxLength={64} data-testid="custom-link-tag" />
              </Form.Item>
            )}
          </>
        )}
        {kind === 'activity' && (
          <Form.Item name="activityId" label={tx(T.chooseActivity)} rules={[{ required: true, message: tx(T.chooseActivity) }]}>
            <Select
              data-testid="activity-link-activity"
              loading={activities.isLoading}
              notFoundContent={tx(T.noActivities)}
              options={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name}（${formatTime(a.startsAt)} ~ ${formatTime(a.endsAt)}）` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="accountManagerId" label={tx(T.manager)} rules={[{ required: managerRequired, message: tx(T.chooseManager) }]} extra={kind === 'activity' ? tx(T.activityAmNote) : undefined}>
          <Select allowClear placeholder={tx(T.chooseManager)} notFoundContent={tx(T.noManagersHint)} options={managerOptions} data-testid={`${kind}-link-manager`} showSearch optionFilterProp="label" />
        </Form.Item>
        {kind === 'custom' && (
          <Form.Item name="remark" label={tx(T.remark)}>
            <Input.TextArea rows={2} maxLength={200} showCount data-testid="custom-link-remark" />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid={`${kind}-link-generate`}>
            {tx(T.generateLink)}
          </Button>
          <Button type="link" onClick={() => setHistory(true)} data-testid={`${kind}-link-history`}>
            {tx(T.history)}
          </Button>
        </Space>
        {kind === 'custom' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {tx(T.customLimit)}
          </Typography.Paragraph>
        )}
      </Form>
      {created && (
        <Modal open width={640} title={tx(T.generatedTitle)} onCancel={() => setCreated(null)} footer={<Button type="primary" onClick={() => setCreated(null)} data-testid="link-created-ok">{tx({ zh: '确定', en: 'OK' })}</Button>}>
          <Result status="success" title={tx(T.generatedOk)} style={{ padding: '8px 0' }} />
          <Descriptions
            size="small"
            column={1}
            data-testid="link-created"
            items={[
              { key: 't', label: tx(T.associationType), children: created.associationTypeName },
              ...(created.kind === 'custom' ? [{ key: 'c', label: tx(T.customType), children: created.customTypeName ?? '--' }] : [{ key: 'a', label: tx(T.chooseActivity), children: created.activityName ?? '--' }]),
              { key: 'g', label: tx(T.tagOrManager), children: created.tag ?? '--' },
              { key: 'r', label: tx(T.remark), children: created.remark ?? '--' },
              { key: 'v', label: tx(T.validity), children: created.expiresAt ? formatTime(created.expiresAt) : tx(T.noExpiry) },
            ]}
          />
          <LinkAndQr link={created} />
        </Modal>
      )}
      {history && <HistoryModal kind={kind} onClose={() => setHistory(false)} />}
    </>
  );
}

/** 生成记录: the links generated before, to send again. */
function HistoryModal({ kind, onClose }: { kind: 'custom' | 'activity'; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<Link | null>(null);
  const q = useQuery({
    queryKey: [...KEYS.links, 'history', kind, page],
    queryFn: () => api.GET('/api/customers/invitation-links', { params: { query: { kind, page, pageSize: 10 } } }),
    placeholderData: keepPreviousData,
  });
  return (
    <Modal open width={900} title={tx(T.history)} footer={null} onCancel={onClose}>
      <Table<Link>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid={`${kind}-link-history-table`}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        pagination={{ current: page, pageSize: 10, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          { key: 't', title: tx(T.associationType), render: (_, l) => <Tag color={TYPE_COLORS[l.associationType]}>{l.associationTypeName}</Tag> },
          kind === 'custom' ? { key: 'c', title: tx(T.customType), render: (_, l) => l.customTypeName ?? '--' } : { key: 'a', title: tx(T.chooseActivity), render: (_, l) => l.activityName ?? '--' },
          { key: 'g', title: tx(T.tagOrManager), render: (_, l) => l.tag ?? '--' },
          { key: 'r', title: tx(T.remark), render: (_, l) => l.remark ?? '--' },
          { key: 'at', title: tx({ zh: '生成时间', en: 'Generated at' }), render: (_, l) => formatTime(l.createdAt) },
          { key: 'v', title: tx(T.validity), render: (_, l) => (l.expiresAt ? formatTime(l.expiresAt) : tx(T.noExpiry)) },
          { key: 's', title: tx(T.status), render: (_, l) => (T.linkStatuses[l.status] ? tx(T.linkStatuses[l.status]!) : l.status) },
          { key: 'op', title: tx({ zh: '操作', en: 'Action' }), render: (_, l) => <ActionLink onClick={() => setShown(l)}>{tx(T.inviteLink)}</ActionLink> },
        ]}
      />
      {shown && (
        <Modal open width={640} title={tx(T.generatedTitle)} footer={null} onCancel={() => setShown(null)}>
          <LinkAndQr link={shown} />
        </Modal>
      )}
    </Modal>
  );
}
