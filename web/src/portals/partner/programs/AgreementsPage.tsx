import { Button, Card, Form, Input, Modal, Radio, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { DownloadLink, guideCount, useFormFeedback, useTx } from '../paths/ui';
import { guideTime, KEYS, useActor, type SignedAgreement } from './api';
import { LIMITS, T } from './text';

/** 计划 > 合作承诺与协议 (ops 28–29): tabs 已签署协议 (详情, 下载) and 关系申报. */
export function AgreementsPage() {
  const tx = useTx();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'declaration' ? 'declaration' : 'signed';
  return (
    <Card title={tx(T.agreementsTitle)} data-testid="agreements-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'signed', label: <span data-testid="tab-signed">{tx(T.tabSigned)}</span>, children: <SignedTab /> },
          { key: 'declaration', label: <span data-testid="tab-declaration">{tx(T.tabDeclaration)}</span>, children: <DeclarationTab /> },
        ]}
      />
    </Card>
  );
}

const downloadUrl = (id: string) => `/api/programs/agreements/${encodeURIComponent(id)}/download`;

function SignedTab() {
  const tx = useTx();
  const q = useQuery({ queryKey: KEYS.agreements, queryFn: () => api.GET('/api/programs/agreements') });
  const [open, setOpen] = useState<string | null>(null);
  const columns: TableColumnsType<SignedAgreement> = [
    { key: 'name', title: tx(T.agreementName), render: (_, r) => tx(r.name) },
    { key: 'program', title: tx(T.program), render: (_, r) => tx(r.programName) },
    { key: 'version', title: tx(T.version), dataIndex: 'version' },
    { key: 'signedAt', title: tx(T.signedAt), render: (_, r) => guideTime(r.signedAt) },
    {
      key: 'op',
      title: tx({ zh: '操作', en: 'Actions' }),
      render: (_, r) => (
        <Space>
          <Button type="link" size="small" onClick={() => setOpen(r.id)} data-testid={`agreement-detail-${r.key}`}>
            {tx(T.detail)}
          </Button>
          <DownloadLink url={downloadUrl(r.id)} testId={`agreement-download-${r.key}`}>
            {tx(T.download)}
          </DownloadLink>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<SignedAgreement>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        columns={columns}
        data-testid="signed-agreements"
        locale={{ emptyText: tx(T.emptySigned) }}
        pagination={{ pageSize: 10, showTotal: (total) => tx(T.total, { total }), hideOnSinglePage: true }}
      />
      <AgreementModal id={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** 详情: the agreement's content as signed. */
function AgreementModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const tx = useTx();
  const q = useQuery({ queryKey: [...KEYS.agreements, id], queryFn: () => api.GET('/api/programs/agreements/{id}', { params: { path: { id: id! } } }), enabled: !!id });
  const a = q.data;
  return (
    <Modal
      open={!!id}
      onCancel={onClose}
      title={a ? tx(a.name) : tx(T.detail)}
      width={680}
      footer={
        <Space>
          {a && (
            <DownloadLink button url={downloadUrl(a.id)}>
              {tx(T.download)}
            </DownloadLink>
          )}
          <Button type="primary" onClick={onClose}>
            {tx(T.ok)}
          </Button>
        </Space>
      }
    >
      {!a ? (
        <Skeleton active />
      ) : (
        <div data-testid="agreement-content">
          <Typography.Paragraph type="secondary">
            {tx(T.program)}：{tx(a.programName)} · {tx(T.version)} {a.version} · {tx(T.party)}：{a.companyName} · {tx(T.signedAt)}：{guideTime(a.signedAt)}
          </Typography.Paragraph>
          {a.content.map((p, i) => (
            <Typography.Paragraph key={i}>{tx(p)}</Typography.Paragraph>
          ))}
        </div>
      )}
    </Modal>
  );
}

/** 关系申报: "* 请您代表公司申报与华为员工敏感关系: 申报 不涉及" → 确定 → 保存成功; 取消 restores the saved one. */
function DeclarationTab() {
  const tx = useTx();
  const qc = useQueryClient();
  const { canWrite } = useActor();
  const { message, fail } = useFormFeedback();
  const [form] = Form.useForm<{ choice?: 'declared' | 'none'; details?: string }>();
  const [saving, setSaving] = useState(false);
  const q = useQuery({ queryKey: KEYS.declaration, queryFn: () => api.GET('/api/programs/relation-declaration') });
  const choice = Form.useWatch('choice', form);
  if (q.isLoading) return <Skeleton active />;
  const initial = { choice: q.data?.choice ?? undefined, details: q.data?.details ?? undefined };
  const save = async (v: { choice?: 'declared' | 'none'; details?: string }) => {
    setSaving(true);
    try {
      const r = await api.PUT('/api/programs/relation-declaration', { body: { choice: v.choice!, details: v.choice === 'declared' ? (v.details ?? null) : null } });
      void message.success(tx(r.message));
      await qc.invalidateQueries({ queryKey: KEYS.declaration });
    } catch (err) {
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={save} data-testid="declaration-form" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{tx(T.sensitiveRule)}</Typography.Paragraph>
      <Form.Item name="choice" label={tx(T.sensitiveQuestion)} rules={[{ required: true, message: tx(T.sensitiveQuestion) }]}>
        <Radio.Group disabled={!canWrite} data-testid="declaration-choice">
          <Radio value="declared" data-testid="declaration-declared">
            {tx(T.declared)}
          </Radio>
          <Radio value="none" data-testid="declaration-none">
            {tx(T.none)}
          </Radio>
        </Radio.Group>
      </Form.Item>
      {choice === 'declared' && (
        <Form.Item name="details" label={tx(T.sensitiveDetails)} extra={tx(T.sensitiveDetailsHint)} rules={[{ required: true, whitespace: true, message: tx(T.sensitiveDetailsRequired) }, { max: LIMITS.details }]}>
          <Input.TextArea rows={4} maxLength={LIMITS.details} showCount={guideCount} disabled={!canWrite} data-testid="declaration-details" />
        </Form.Item>
      )}
      {q.data?.declaredAt && (
        <Typography.Paragraph type="secondary">
          {tx(T.declaredAt)}：{guideTime(q.data.declaredAt)}
        </Typography.Paragraph>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} disabled={!canWrite} data-testid="declaration-save">
          {tx(T.ok)}
        </Button>
        <Button onClick={() => form.setFieldsValue(initial)} data-testid="declaration-cancel">
          {tx(T.cancel)}
        </Button>
      </Space>
    </Form>
  );
}
