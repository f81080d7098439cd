import { Button, Card, Form, Result, Space, Steps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { PARTNER_BASE } from '../menu';
import { ORG_KEYS } from './api';
import { MemberFields } from './MemberFields';
import { RolePickerFields } from './RolePicker';

const STEP1_FIELDS = ['accountName', 'password', 'confirmPassword', 'name', 'mobile', 'email', 'landline'];

interface CreateValues {
  accountName: string;
  password: string;
  confirmPassword: string;
  name: string;
  mobile: string;
  email: string;
  landline?: string;
  roleIds: string[];
  supervisorId?: string;
}

/** 创建人员: 1 填写人员信息 → 2 分配角色 → 3 创建成功. */
export function MemberCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const [form] = Form.useForm<CreateValues>();
  const [step, setStep] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [createdName, setCreatedName] = useState('');
  // A refusal about a step-1 field is shown once step 1's fields are mounted again.
  const [step1Error, setStep1Error] = useState<ApiError | null>(null);
  useEffect(() => {
    if (step === 0 && step1Error) {
      handleError(step1Error, form);
      setStep1Error(null);
    }
  }, [step, step1Error, form, handleError]);
  const listPath = `${PARTNER_BASE}/org/members`;

  const next = async () => {
    await form.validateFields(STEP1_FIELDS);
    setStep(1);
  };

  const submit = async () => {
    await form.validateFields();
    const values = form.getFieldsValue(true) as CreateValues;
    setSubmitting(true);
    try {
      await api.POST('/api/org/members', { body: { ...values, landline: values.landline || undefined, supervisorId: values.supervisorId || undefined } });
      void message.success(t('org.memberCreated'));
      setCreatedName(values.name);
      await qc.invalidateQueries({ queryKey: ORG_KEYS.members });
      setStep(2);
    } catch (err) {
      // A refusal about a step-1 field (e.g. account name taken) sends the user back there.
      if (err instanceof ApiError && [...Object.keys(err.fields), ...Object.keys(err.params)].some((f) => STEP1_FIELDS.includes(f))) {
        setStep1Error(err);
        setStep(0);
      } else handleError(err, form);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card title={t('org.createMember')}>
      <Steps current={step} style={{ maxWidth: 720, marginBottom: 32 }} items={[{ title: t('org.stepInfo') }, { title: t('org.stepRoles') }, { title: t('org.stepDone') }]} />
      {step < 2 && (
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 560 }}
          initialValues={{ roleIds: [] }}
          data-testid="member-create-form"
          onFinish={() => void (step === 0 ? next().catch(() => undefined) : submit().catch(() => undefined))}
        >
          {step === 0 ? <MemberFields mode="create" /> : <RolePickerFields />}
          <Space>
            {step === 1 && (
              <Button onClick={() => setStep(0)} data-testid="member-create-prev">
                {t('common.prev')}
              </Button>
            )}
            <Button type="primary" htmlType="submit" loading={submitting} data-testid={step === 0 ? 'member-create-next' : 'member-create-submit'}>
              {step === 0 ? t('common.next') : t('common.ok')}
            </Button>
            <Button onClick={() => navigate(listPath)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {step === 2 && (
        <Result
          status="success"
          title={<span data-testid="member-created">{t('org.memberCreated')}</span>}
          subTitle={t('org.createdDesc', { name: createdName })}
          extra={[
            <Button
              key="again"
              onClick={() => {
                form.resetFields();
                setStep(0);
              }}
            >
              {t('org.continueCreate')}
            </Button>,
            <Button key="list" type="primary" onClick={() => navigate(listPath)} data-testid="member-back-to-list">
              {t('org.backToList')}
            </Button>,
          ]}
        />
      )}
    </Card>
  );
}
