import { CheckOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PARTNER_BASE } from '../menu';
import { StatusTag, useTx } from '../paths/ui';
import { PROGRAMS_BASE, useActor, useCatalogue, type ProgramCard } from './api';
import { ExpiryBanner, ExpiryModal, useExpiry } from './ExpiryNotice';
import { ReasonsModal } from './ReasonsModal';
import { T } from './text';

/**
 * 计划 > 华为云伙伴计划 (spec 01 §2.11, ops 14–25): one card per plan with its state; "立即加入" for the
 * plans joined at once, "申请" for the reviewed ones, "查看原因" listing every unmet condition; drafts
 * are continued and rejected applications fixed from here (R42).
 */
export function CatalogueTab() {
  const tx = useTx();
  const catalogue = useCatalogue();
  const expiry = useExpiry();
  const [reasonsOf, setReasonsOf] = useState<ProgramCard | null>(null);
  const [expiryOpen, setExpiryOpen] = useState(false);
  const items = catalogue.data?.items ?? [];
  if (catalogue.isLoading) return <Card loading />;
  if (catalogue.error) return <Alert type="error" showIcon message={(catalogue.error as Error).message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <ExpiryBanner />
      <Alert type="info" showIcon message={tx(T.consultNote)} />
      {items.length === 0 ? (
        <Empty />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((c) => (
            <Col xs={24} md={12} xl={8} key={c.program}>
              <ProgramCardView card={c} onReasons={() => setReasonsOf(c)} />
            </Col>
          ))}
        </Row>
      )}
      <ReasonsModal
        open={!!reasonsOf}
        onClose={() => setReasonsOf(null)}
        programName={reasonsOf ? tx(reasonsOf.name) : ''}
        conditions={reasonsOf?.eligibility?.conditions ?? []}
        warnings={reasonsOf?.eligibility?.warnings ?? []}
        extra={
          reasonsOf?.program === 'solution_provider' && expiry.data?.expired ? (
            <Alert
              type="info"
              showIcon
              message={tx(T.quickRegisterHint)}
              action={
                <Button size="small" onClick={() => setExpiryOpen(true)}>
                  {tx(T.quickRegister)}
                </Button>
              }
            />
          ) : null
        }
      />
      {expiry.data && <ExpiryModal notice={expiry.data} open={expiryOpen} onClose={() => setExpiryOpen(false)} />}
    </Space>
  );
}

const STATE_COLORS: Record<ProgramCard['state'], string> = {
  not_joined: 'not_joined',
  draft: 'draft',
  in_review: 'in_review',
  rejected: 'rejected',
  joined: 'joined',
  expired: 'expired',
  exiting: 'expiring',
};

function ProgramCardView({ card: c, onReasons }: { card: ProgramCard; onReasons: () => void }) {
  const tx = useTx();
  const navigate = useNavigate();
  const { canWrite } = useActor();
  const unmet = c.eligibility && !c.eligibility.eligible;
  const apply = () => navigate(`${PROGRAMS_BASE}/apply/${c.program}`);
  const detail = () => c.applicationId && navigate(`${PROGRAMS_BASE}/applications/${c.applicationId}`);

  let action: React.ReactNode = null;
  if (c.joinMode === 'external')
    action = (
      <Button onClick={() => navigate(PARTNER_BASE + (c.link ?? '/capabilities'))} data-testid={`program-go-${c.program}`}>
        {tx(T.goCapabilities)}
      </Button>
    );
  else if (c.joinMode === 'contact') action = <Typography.Text type="secondary">{tx(T.askManager)}</Typography.Text>;
  else if (c.state === 'joined' || c.state === 'exiting')
    action = (
      <Button icon={<CheckOutlined />} onClick={() => navigate(`${PROGRAMS_BASE}?tab=joined`)} data-testid={`program-joined-${c.program}`}>
        {tx(T.viewJoined)}
      </Button>
    );
  else if (c.state === 'draft')
    action = (
      <Space>
        <Button type="primary" disabled={!canWrite} onClick={apply} data-testid={`program-continue-${c.program}`}>
          {tx(T.continueDraft)}
        </Button>
        <Button onClick={detail}>{tx(T.viewApplication)}</Button>
      </Space>
    );
  else if (c.state === 'in_review')
    action = (
      <Button onClick={detail} data-testid={`program-view-${c.program}`}>
        {tx(T.viewApplication)}
      </Button>
    );
  else if (c.state === 'rejected')
    action = (
      <Button type="primary" disabled={!canWrite} onClick={apply} data-testid={`program-fix-${c.program}`}>
        {tx(T.editResubmit)}
      </Button>
    );
  else if (c.joinMode === 'immediate')
    action = (
      <Button type="primary" disabled={!canWrite || !!unmet} onClick={() => navigate(`${PROGRAMS_BASE}/join/${c.program}`)} data-testid={`program-join-${c.program}`}>
        {tx(T.joinNow)}
      </Button>
    );
  else
    action = (
      <Button type="primary" disabled={!canWrite || !!unmet} onClick={apply} data-testid={`program-apply-${c.program}`}>
        {tx(T.apply)}
      </Button>
    );

  return (
    <Card
      title={tx(c.name)}
      extra={<StatusTag status={STATE_COLORS[c.state]} name={tx(c.stateName)} testId={`program-state-${c.program}`} />}
      data-testid={`program-card-${c.program}`}
      style={{ height: '100%' }}
      actions={[
        <Space key="a" wrap style={{ padding: '0 12px' }}>
          {action}
          {unmet && ['not_joined', 'draft', 'rejected', 'expired'].includes(c.state) && (
            <Button type="link" danger onClick={onReasons} data-testid={`program-reasons-${c.program}`}>
              {tx(T.viewReasons)}
            </Button>
          )}
        </Space>,
      ]}
    >
      <Typography.Paragraph ellipsis={{ rows: 4, expandable: true, symbol: tx({ zh: '展开', en: 'More' }) }}>{tx(c.description)}</Typography.Paragraph>
      {c.benefits.length > 0 && (
        <>
          <Typography.Text strong>{tx(T.benefits)}</Typography.Text>
          <ul style={{ paddingLeft: 20, marginTop: 4 }}>
            {c.benefits.map((b, i) => (
              <li key={i}>{tx(b)}</li>
            ))}
          </ul>
        </>
      )}
      <Space wrap>
        <Tag>{tx(c.joinModeName)}</Tag>
        <Tag color={c.hasCertificate ? 'gold' : undefined}>{tx(c.hasCertificate ? T.hasCertificate : T.noCertificate)}</Tag>
      </Space>
    </Card>
  );
}
