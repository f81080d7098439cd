import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Button, List, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTx } from '../paths/ui';
import type { Condition } from './api';
import { T } from './text';

const label = (c: Pick<Condition, 'no'>) => (c.no !== null ? `${c.no}) ` : '');

/**
 * "查看原因" (every unmet condition of a plan, in the guide's words and numbering) or, with `all`,
 * "查看计划要求" (every condition with its result). Also shows a refused submission's reasons.
 */
export function ReasonsModal({
  open,
  onClose,
  programName,
  conditions,
  all = false,
  warnings = [],
  extra,
}: {
  open: boolean;
  onClose: () => void;
  programName: string;
  conditions: Condition[];
  all?: boolean;
  warnings?: { zh: string; en: string }[];
  extra?: ReactNode;
}) {
  const tx = useTx();
  const shown = all ? conditions : conditions.filter((c) => !c.met);
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={`${programName} · ${tx(all ? T.requirementsTitle : T.reasonsTitle)}`}
      footer={
        <Button type="primary" onClick={onClose} data-testid="reasons-close">
          {tx(T.ok)}
        </Button>
      }
      width={640}
    >
      <div data-testid="program-reasons">
        {!all && shown.length > 0 && <Typography.Paragraph>{tx(T.reasonsIntro)}</Typography.Paragraph>}
        {shown.length === 0 ? (
          <Alert type="success" showIcon message={tx(T.allMet)} />
        ) : (
          <List
            size="small"
            dataSource={shown}
            renderItem={(c) => (
              <List.Item data-testid={`reason-${c.key}`} data-met={c.met}>
                <span>
                  {c.met ? <CheckCircleFilled style={{ color: '#52c41a', marginRight: 8 }} aria-label={tx(T.met)} /> : <CloseCircleFilled style={{ color: '#ff4d4f', marginRight: 8 }} aria-label={tx(T.unmet)} />}
                  {label(c)}
                  {tx(c.text)}
                </span>
              </List.Item>
            )}
          />
        )}
        {warnings.length > 0 && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message={tx(T.warnings)} description={warnings.map((w, i) => <div key={i}>{tx(w)}</div>)} />
        )}
        {extra && <div style={{ marginTop: 12 }}>{extra}</div>}
      </div>
    </Modal>
  );
}
