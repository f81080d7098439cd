import { CheckCircleFilled, ClockCircleOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { Card, Col, List, Row, Space, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { PARTNER_BASE } from '../menu';
import type { StageView } from './api';
import { REQUIREMENT_LINKS, T } from './text';
import { useTx } from './ui';

/** One stage's three columns: 要求 (with "x/y" counters) · 可获得以下权益 · 可加入以下计划. */
export function StageColumns({ stage }: { stage: StageView }) {
  const tx = useTx();
  return (
    <Row gutter={[16, 16]} data-testid={`stage-columns-${stage.stage}`}>
      <Col xs={24} lg={10}>
        <Card size="small" title={`${tx(T.requirements)} (${stage.progress})`} style={{ height: '100%' }}>
          <List
            size="small"
            dataSource={stage.requirements}
            renderItem={(r) => {
              const link = REQUIREMENT_LINKS[r.key];
              const icon =
                r.met === true ? (
                  <CheckCircleFilled style={{ color: '#52c41a' }} />
                ) : r.met === null ? (
                  <Tooltip title={tx(T.judgedByReview)}>
                    <ClockCircleOutlined style={{ color: '#8c8c8c' }} />
                  </Tooltip>
                ) : (
                  <MinusCircleOutlined style={{ color: '#faad14' }} />
                );
              return (
                <List.Item data-testid={`requirement-${stage.stage}-${r.key}`} extra={<Typography.Text strong>{r.progress}</Typography.Text>}>
                  <Space align="start">
                    {icon}
                    {link ? <Link to={PARTNER_BASE + link}>{r.name}</Link> : <span>{r.name}</span>}
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={tx(T.benefits)} style={{ height: '100%' }}>
          {stage.benefits.length ? (
            <List size="small" dataSource={stage.benefits} renderItem={(b) => <List.Item>{b}</List.Item>} />
          ) : (
            <Typography.Text type="secondary">{tx(T.noBenefits)}</Typography.Text>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={6}>
        <Card size="small" title={tx(T.programs)} style={{ height: '100%' }}>
          {stage.programs.length ? (
            <List size="small" dataSource={stage.programs} renderItem={(p) => <List.Item>{p}</List.Item>} />
          ) : (
            <Typography.Text type="secondary">{tx(T.noBenefits)}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
