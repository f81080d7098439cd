import { Alert, Button, Card, Descriptions, Form, Input, Skeleton, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type UploadedFile } from '../api/client';
import type { RealName } from '../api/types';
import { useFeedback } from '../components/feedback';
import { FileUpload } from '../components/FileUpload';
import { MOBILE_PATTERN } from '../components/password';

interface RealNameValues {
  companyName: string;
  uscc: string;
  legalRepresentative: string;
  licence: UploadedFile[];
  contactName: string;
  contactMobile: string;
}

/** Account real-name status: none | pending | verified | rejected; a new application only from none/rejected. */
const CAN_APPLY = ['none', 'rejected'];

/** 实名认证 (enterprise): company, USCC, legal representative, licence and contact. */
export function RealNamePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<RealNameValues>();
  const { message, handleError } = useFeedback();
  const [submitting, setSubmitting] = useState(false);
  const query = useQuery({ queryKey: ['real-name'], queryFn: () => api.GET('/api/real-name') });
  if (query.isLoading) return <Skeleton active />;
  const data = query.data;
  const status = data?.status ?? 'none';
  const statusLabel: Record<string, string> = { none: t('realName.none'), pending: t('realName.pending'), verified: t('realName.verified'), rejected: t('realName.rejected') };
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <Card title={t('realName.title')} style={{ maxWidth: 720 }}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('realName.status')}>
          <Tag data-testid="real-name-status" data-status={status} color={status === 'verified' ? 'success' : status === 'rejected' ? 'error' : status === 'pending' ? 'processing' : 'default'}>
            {statusLabel[status] ?? status}
          </Tag>
        </Descriptions.Item>
        {(data?.enterpriseName ?? data?.application?.companyName) && (
          <Descriptions.Item label={t('realName.companyName')}>{data?.enterpriseName ?? data?.application?.companyName}</Descriptions.Item>
        )}
      </Descriptions>
      {status === 'rejected' && data?.application?.rejectReason && <Alert type="error" showIcon message={data.application.rejectReason} style={{ marginBottom: 16 }} />}
      {CAN_APPLY.includes(status) && (
        <Form
          form={form}
          layout="vertical"
          data-testid="real-name-form"
          onFinish={async ({ licence, ...values }) => {
            setSubmitting(true);
            try {
              await api.POST('/api/real-name', { body: { ...values, licenceFileId: licence[0]?.id } });
              void message.success(t('realName.submitted'));
              await qc.invalidateQueries({ queryKey: ['real-name'] });
            } catch (err) {
              handleError(err, form);
            } finally {
              setSubmitting(false);
            }
          }}
        >
          <Form.Item name="companyName" label={t('realName.companyName')} rules={[required(t('realName.companyName'))]}>
            <Input data-testid="real-name-companyName" />
          </Form.Item>
          <Form.Item
            name="uscc"
            label={t('realName.uscc')}
            rules={[required(t('realName.uscc')), { pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/, message: t('realName.usccInvalid') }]}
          >
            <Input data-testid="real-name-uscc" maxLength={18} />
          </Form.Item>
          <Form.Item name="legalRepresentative" label={t('realName.legalRepresentative')} rules={[required(t('realName.legalRepresentative'))]}>
            <Input data-testid="real-name-legalRepresentative" />
          </Form.Item>
          <Form.Item name="licence" label={t('realName.licence')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('realName.licence') }) }]}>
            <FileUpload purpose="real-name-licence" extensions={['jpg', 'jpeg', 'png', 'pdf']} testId="real-name-licence" />
          </Form.Item>
          <Form.Item name="contactName" label={t('realName.contactName')} rules={[required(t('realName.contactName'))]}>
            <Input data-testid="real-name-contactName" />
          </Form.Item>
          <Form.Item name="contactMobile" label={t('realName.contactMobile')} rules={[required(t('realName.contactMobile')), { pattern: MOBILE_PATTERN, message: t('common.invalidMobile') }]}>
            <Input data-testid="real-name-contactMobile" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting} data-testid="real-name-submit">
            {t('realName.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
