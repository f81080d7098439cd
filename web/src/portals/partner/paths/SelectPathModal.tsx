import { Alert, Button, Modal, Result, Skeleton, Steps, Tabs } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type ApiData } from '../../../api/client';
import { PARTNER_BASE } from '../menu';
import { pathDetailUrl, useInvalidatePaths, usePathDetail, type PathSummary } from './api';
import { StageColumns } from './StageColumns';
import { T } from './text';
import { useFormFeedback, useTx } from './ui';

type Selected = ApiData<'/api/paths/select', 'post'>;

/**
 * 选择该路径 → 发展路径阶段图 → 确认选择 (invited paths: 选择…伙伴发展路径 → 确定选择) → 已加入伙伴发展路径
 * with 查看路径详情; a repeat software choice in the company waits for the ecosystem manager (R10).
 */
export function SelectPathModal({ path, onClose }: { path: PathSummary; onClose: () => void }) {
  const tx = useTx();
  const navigate = useNavigate();
  const invalidate = useInvalidatePaths();
  const { fail } = useFormFeedback();
  const detail = usePathDetail(path.type);
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<Selected | null>(null);

  const confirm = async () => {
    setSaving(true);
    try {
      setDone(await api.POST('/api/paths/select', { body: { path: path.type } }));
      await invalidate();
    } catch (err) {
      fail(err);
    } finally {
      setSaving(false);
    }
  };

  const title = path.type === 'distributor' ? tx(T.becomeDistributor) : path.inviteOnly ? tx(T.selectInvited, { name: path.name }) : `${path.name} · ${tx(T.stageDiagram)}`;

  if (done) {
    const joined = done.status === 'joined';
    return (
      <Modal open onCancel={onClose} footer={null} width={560} title={path.name}>
        <Result
          status={joined ? 'success' : 'info'}
          title={<span data-testid="path-select-result">{joined ? tx(T.joinedTitle) : tx(T.pendingTitle)}</span>}
          subTitle={joined ? done.statusName : tx(T.pendingDesc)}
          extra={[
            <Button key="detail" type="primary" onClick={() => navigate(pathDetailUrl(path.type))} data-testid="path-view-detail">
              {tx(T.viewDetail)}
            </Button>,
            ...(joined && path.type === 'distributor'
              ? [
                  <Button key="plan" onClick={() => navigate(`${PARTNER_BASE}/programs`)}>
                    {tx(T.joinDistributorPlan)}
                  </Button>,
                ]
              : []),
          ]}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      width={960}
      title={title}
      onCancel={onClose}
      onOk={confirm}
      confirmLoading={saving}
      okText={path.inviteOnly ? tx(T.confirmInvited) : tx(T.confirmSelect)}
      okButtonProps={{ 'data-testid': 'path-select-confirm' }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={tx(T.consult)} />
      {detail.isLoading || !detail.data ? (
        <Skeleton active />
      ) : (
        <>
          {detail.data.rejectReason && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} message={`${tx(T.rejectReason)}：${detail.data.rejectReason}`} />
          )}
          <Steps style={{ marginBottom: 16 }} current={-1} items={detail.data.stages.map((s) => ({ title: s.name }))} />
          <Tabs size="small" items={detail.data.stages.map((s) => ({ key: s.stage, label: s.name, children: <StageColumns stage={s} /> }))} />
        </>
      )}
    </Modal>
  );
}
