import { Descriptions, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiBody, type UploadedFile } from '../../../api/client';
import type { Invitation, Specialist } from '../../../api/types';
import { useFeedback } from '../../../components/feedback';
import { FileUpload } from '../../../components/FileUpload';
import { formatDate, formatTime } from '../../../components/format';
import { ORG_KEYS } from './api';
import { specialistStatusText } from './statusText';
import { DEPLOYMENT_MODES, inviteeLabel, MATERIAL_FILE_TYPES, SERVICE_PATH, SPECIALIST_PATHS } from './specialistRules';

function useInvalidateSpecialists() {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: ORG_KEYS.invitations });
    await qc.invalidateQueries({ queryKey: ORG_KEYS.specialists });
  };
}

type ApplyBody = ApiBody<'/api/org/specialists/apply', 'post'>;
interface ApplyValues {
  path: ApplyBody['path'];
  materials: UploadedFile[];
  deploymentMode?: ApplyBody['deploymentMode'];
  workBase?: string;
}

/** 申请项目专员 (single or batch): 所属路径, 审核材料; the service path adds 人员部署方式 and 工作常驻地. */
export function ApplyModal({ invitations, onClose }: { invitations: Invitation[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ApplyValues>();
  const { message, handleError } = useFeedback();
  const invalidate = useInvalidateSpecialists();
  const [saving, setSaving] = useState(false);
  const path = Form.useWatch('path', form);
  return (
    <Modal open width={640} title={invitations.length > 1 ? t('specialists.batchApply') : t('specialists.applyTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'apply-ok' }}>
      <div style={{ marginBottom: 16 }} data-testid="apply-members">
        {invitations.map((i) => (
          <Tag key={i.id}>{inviteeLabel(i)}</Tag>
        ))}
      </div>
      <Form
        form={form}
        layout="vertical"
        data-testid="apply-form"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.POST('/api/org/specialists/apply', { body: {
              invitationIds: invitations.map((i) => i.id),
              path: v.path,
              materialFileIds: (v.materials ?? []).map((f) => f.id),
              ...(v.path === SERVICE_PATH ? { deploymentMode: v.deploymentMode, workBase: v.workBase } : {}),
            } });
            void message.success(t('specialists.applied'));
            await invalidate();
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="path" label={t('specialists.path')} rules={[{ required: true, message: t('common.selectRequired', { field: t('specialists.path') }) }]}>
          <Select data-testid="apply-path" options={SPECIALIST_PATHS.map((p) => ({ value: p, label: t(`specialists.paths.${p}`) }))} />
        </Form.Item>
        <Form.Item name="materials" label={t('specialists.materials')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('specialists.materials') }) }]}>
          <FileUpload purpose="specialist-material" maxCount={10} extensions={MATERIAL_FILE_TYPES} testId="apply-materials" />
        </Form.Item>
        {path === SERVICE_PATH && (
          <>
            <Form.Item name="deploymentMode" label={t('specialists.deploymentMode')} rules={[{ required: true, message: t('common.selectRequired', { field: t('specialists.deploymentMode') }) }]}>
              <Radio.Group data-testid="apply-deploymentMode" options={DEPLOYMENT_MODES.map((m) => ({ value: m, label: t(`specialists.deploymentModes.${m}`) }))} />
            </Form.Item>
            <Form.Item name="workBase" label={t('specialists.workBase')} extra={t('specialists.workBaseHint')} rules={[{ required: true, message: t('common.required', { field: t('specialists.workBase') }) }]}>
              <Input data-testid="apply-workBase" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 取消项目专员: the specialist's details, 申请原因 (≤500, "0/500") and ≤10 attachments. */
export function CancelSpecialistModal({ specialist, onClose }: { specialist: Specialist; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string; files: UploadedFile[] }>();
  const { message, handleError } = useFeedback();
  const invalidate = useInvalidateSpecialists();
  const [saving, setSaving] = useState(false);
  return (
    <Modal open width={640} title={t('specialists.cancel')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okButtonProps={{ 'data-testid': 'cancel-specialist-ok' }}>
      <SpecialistDescriptions specialist={specialist} compact />
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        data-testid="cancel-specialist-form"
        onFinish={async (v) => {
          setSaving(true);
          try {
            await api.POST('/api/org/specialists/{id}/cancel', { params: { path: { id: specialist.id } }, body: { reason: v.reason, fileIds: (v.files ?? []).map((f) => f.id) } });
            void message.success(t('specialists.cancelSubmitted'));
            await invalidate();
            onClose();
          } catch (err) {
            handleError(err, form);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form.Item name="reason" label={t('specialists.cancelReason')} rules={[{ required: true, message: t('common.required', { field: t('specialists.cancelReason') }) }, { max: 500 }]}>
          <Input.TextArea rows={4} maxLength={500} showCount data-testid="cancel-reason" />
        </Form.Item>
        <Form.Item name="files" label={t('specialists.cancelFiles')} extra={t('specialists.cancelFilesHint')}>
          <FileUpload purpose="specialist-cancel" maxCount={10} maxSizeMb={50} extensions={MATERIAL_FILE_TYPES} testId="cancel-files" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SpecialistDescriptions({ specialist: s, compact }: { specialist: Specialist; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Descriptions column={compact ? 2 : 1} size="small" bordered data-testid="specialist-detail">
      <Descriptions.Item label={t('org.name')}>{s.name ?? '-'}</Descriptions.Item>
      <Descriptions.Item label={t('org.accountName')}>{s.accountName}</Descriptions.Item>
      <Descriptions.Item label={t('specialists.registeredMobile')}>{s.mobile}</Descriptions.Item>
      <Descriptions.Item label={t('specialists.registeredEmail')}>{s.email ?? '-'}</Descriptions.Item>
      <Descriptions.Item label={t('specialists.path')}>{s.pathName}</Descriptions.Item>
      {!compact && (
        <>
          <Descriptions.Item label={t('common.status')}>{specialistStatusText(t, s.status, s.statusName)}</Descriptions.Item>
          {s.deploymentModeName && <Descriptions.Item label={t('specialists.deploymentMode')}>{s.deploymentModeName}</Descriptions.Item>}
          {s.workBase && <Descriptions.Item label={t('specialists.workBase')}>{s.workBase}</Descriptions.Item>}
          <Descriptions.Item label={t('specialists.approvedAt')}>{formatTime(s.approvedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('specialists.period')}>{`${formatDate(s.startDate)} - ${formatDate(s.endDate)}`}</Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{formatTime(s.updatedAt)}</Descriptions.Item>
          {s.cancelReason && <Descriptions.Item label={t('specialists.cancelReason')}>{s.cancelReason}</Descriptions.Item>}
          {s.cancelRejectReason && <Descriptions.Item label={t('ops.reason')}>{s.cancelRejectReason}</Descriptions.Item>}
        </>
      )}
    </Descriptions>
  );
}
