import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, List, Result, Skeleton, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { LinkButton } from '../../../components/LinkButton';
import { PARTNER_BASE } from '../menu';
import { useFormFeedback, useTx } from '../paths/ui';
import { KEYS, PROGRAMS_BASE, refusalReasons, useActor, useCatalogue, useFormOptions, type Condition, type ProgramCard } from './api';
import { ReasonsModal } from './ReasonsModal';
import { T } from './text';

/**
 * The plans joined at once on "提交申请": 合作伙伴共拓计划 (op 14: tick the commitments) and
 * 服务伙伴能力提升专项计划 (op 25: confirm the thresholds, then confirm again).
 */
export function JoinPage() {
  const tx = useTx();
  const { program = '' } = useParams();
  const catalogue = useCatalogue();
  if (program !== 'pce' && program !== 'service_capability') return <Navigate to={PROGRAMS_BASE} replace />;
  if (catalogue.isLoading) return <Skeleton active />;
  const card = catalogue.data?.items.find((c) => c.program === program);
  if (!card) return <Result status="error" title={tx(T.title)} />;
  return <JoinForm card={card} />;
}

function JoinForm({ card }: { card: ProgramCard }) {
  const tx = useTx();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { canWrite } = useActor();
  const options = useFormOptions();
  const { modal, fail } = useFormFeedback();
  const [form] = Form.useForm<{ agreements?: string[]; confirm?: boolean }>();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Condition[] | null>(null);
  const pce = card.program === 'pce';
  const joined = card.state === 'joined';

  const send = async (v: { agreements?: string[]; confirm?: boolean }) => {
    setSaving(true);
    try {
      const r = pce
        ? await api.POST('/api/programs/pce/join', { body: { agreements: card.agreements.filter((a) => v.agreements?.includes(a.key)).map((a) => ({ key: a.key, version: a.version })) } })
        : await api.POST('/api/programs/service-capability/join', { body: { confirm: !!v.confirm } });
      await qc.invalidateQueries({ queryKey: KEYS.all });
      setDone(tx(r.message));
    } catch (err) {
      const unmet = refusalReasons(err);
      if (unmet) setReasons(unmet);
      fail(err, form);
    } finally {
      setSaving(false);
    }
  };
  const submit = (v: { agreements?: string[]; confirm?: boolean }) => {
    if (pce) return void send(v);
    modal.confirm({ title: tx(T.scConfirmDialog), okText: tx(T.ok), cancelText: tx(T.cancel), onOk: () => send(v) });
  };

  if (done)
    return (
      <Card>
        <Result
          status="success"
          title={done}
          data-testid="program-joined-result"
          subTitle={pce ? tx(T.pceOpportunities) : tx(T.scNext)}
          extra={
            pce
              ? [
                  <LinkButton key="opp" type="primary" to={`${PARTNER_BASE}/sales/opportunity-sharing`}>
                    {tx(T.addOpportunity)}
                  </LinkButton>,
                  <LinkButton key="joined" to={`${PROGRAMS_BASE}?tab=joined`}>
                    {tx(T.viewJoined)}
                  </LinkButton>,
                ]
              : [
                  <LinkButton key="inc" type="primary" to={`${PARTNER_BASE}/benefits/capability-incentive`}>
                    {tx(T.scIncentive)}
                  </LinkButton>,
                  <LinkButton key="joined" to={`${PROGRAMS_BASE}?tab=joined`}>
                    {tx(T.viewJoined)}
                  </LinkButton>,
                ]
          }
        />
      </Card>
    );

  const conditions = card.eligibility?.conditions ?? [];
  return (
    <Card title={`${tx(T.title)} / ${tx(pce ? T.joinPceTitle : T.joinScTitle)}`} data-testid={`join-${card.program}`}>
      <Typography.Paragraph>{tx(card.description)}</Typography.Paragraph>
      {joined && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={tx(card.stateName)} />}
      {!pce && (
        <>
          <Typography.Title level={5}>{tx(T.scThresholds)}</Typography.Title>
          <List
            size="small"
            dataSource={conditions.filter((c) => c.no !== null)}
            renderItem={(c) => (
              <List.Item data-testid={`sc-condition-${c.key}`}>
                <span>
                  {c.met ? <CheckCircleFilled style={{ color: '#52c41a', marginRight: 8 }} /> : <CloseCircleFilled style={{ color: '#ff4d4f', marginRight: 8 }} />}
                  {c.no}. {tx(c.text)}
                </span>
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tx(T.scTable)}
          </Typography.Title>
          <Table
            size="small"
            rowKey="label"
            pagination={false}
            dataSource={options.data?.capabilityTagScope ?? []}
            columns={[
              { key: 'label', title: tx(T.scLabel), render: (_, r) => tx(r.name) },
              { key: 'region', title: tx(T.scRegion), render: (_, r) => tx(r.regionName) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {tx(T.scScopeNote)}
          </Typography.Paragraph>
          <Typography.Title level={5}>{tx(T.scIncentives)}</Typography.Title>
          <Table
            size="small"
            rowKey="region"
            pagination={false}
            dataSource={[{ region: tx(T.scChina), voucher: '10*HCCDP认证考试券', incentive: tx({ zh: '10万（元）', en: '100,000 CNY' }) }]}
            columns={[
              { key: 'region', title: tx(T.scRegionCol), dataIndex: 'region' },
              { key: 'voucher', title: tx(T.scVoucher), dataIndex: 'voucher' },
              { key: 'incentive', title: tx(T.scIncentive), dataIndex: 'incentive' },
            ]}
            style={{ marginBottom: 16 }}
          />
        </>
      )}
      {!joined && (
        <Form form={form} layout="vertical" onFinish={submit} data-testid="join-form">
          {pce ? (
            <Form.Item
              name="agreements"
              label={tx(T.pceCommit)}
              rules={[{ validator: async (_, keys: string[] = []) => { if (card.agreements.some((a) => !keys.includes(a.key))) throw new Error(tx(T.agreementsRequired)); } }]}
            >
              <Checkbox.Group>
                {card.agreements.map((a) => (
                  <Checkbox key={a.key} value={a.key} data-testid={`join-agreement-${a.key}`}>
                    {tx(T.agreeTo)} {tx(a.name)}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
          ) : (
            <Form.Item name="confirm" valuePropName="checked" rules={[{ validator: async (_, v?: boolean) => { if (!v) throw new Error(tx(T.scConfirmRequired)); } }]}>
              <Checkbox data-testid="join-confirm">{tx(T.scConfirm)}</Checkbox>
            </Form.Item>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} disabled={!canWrite} data-testid="join-submit">
              {tx(T.submitApplication)}
            </Button>
            <Button onClick={() => navigate(PROGRAMS_BASE)}>{tx(T.cancel)}</Button>
            {card.eligibility && !card.eligibility.eligible && (
              <Button type="link" danger onClick={() => setReasons(card.eligibility!.conditions)} data-testid="join-reasons">
                {tx(T.viewReasons)}
              </Button>
            )}
          </Space>
        </Form>
      )}
      <ReasonsModal open={!!reasons} onClose={() => setReasons(null)} programName={tx(card.name)} conditions={reasons ?? []} />
    </Card>
  );
}
