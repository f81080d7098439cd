import { Button, Card, Descriptions, Form, Input, Select, Skeleton, Space, Switch, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiBody } from '../api/client';
import type { Profile } from '../api/types';
import { useFeedback } from '../components/feedback';

const PROFILE_KEY = ['profile'] as const;

/** PUT /api/profile takes only these (strict); the mobile is changed in 账号与安全, not here. */
type Editable = Pick<ApiBody<'/api/profile', 'put'>, 'name' | 'email' | 'accountName' | 'language' | 'timeZone' | 'verificationCodeRequired'>;

/** 伙伴信息 > 基本信息: tabs 个人资料 and 消息接收设置 (语言 + 时区 → 保存). */
export function ProfilePage({ extraTabs = [] }: { extraTabs?: { key: string; label: string; children: React.ReactNode }[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message, handleError } = useFeedback();
  const query = useQuery({ queryKey: PROFILE_KEY, queryFn: () => api.GET('/api/profile') });
  const [profileForm] = Form.useForm<Editable>();
  const [messageForm] = Form.useForm<Editable>();
  const [saving, setSaving] = useState(false);
  const zoneQuery = useQuery({ queryKey: ['profile', 'time-zones'], queryFn: () => api.GET('/api/profile/time-zones'), staleTime: Infinity });
  const zones = useMemo(() => (zoneQuery.data?.items ?? []).map((z) => ({ value: z, label: z })), [zoneQuery.data]);

  useEffect(() => {
    if (query.data) {
      // The profile reports its language as a plain string; the form edits the two supported ones.
      const values = { ...query.data, language: query.data.language as Editable['language'], verificationCodeRequired: query.data.verificationCodeRequired ?? undefined };
      profileForm.setFieldsValue(values);
      messageForm.setFieldsValue(values);
    }
  }, [query.data, profileForm, messageForm]);

  const save = async (changes: Editable, form: typeof profileForm) => {
    const body = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Editable;
    setSaving(true);
    try {
      await api.PUT('/api/profile', { body });
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: PROFILE_KEY });
      // The menus and the display name come from the session.
      await qc.invalidateQueries({ queryKey: ['auth', 'me'] });
    } catch (err) {
      handleError(err, form);
    } finally {
      setSaving(false);
    }
  };

  if (query.isLoading) return <Skeleton active />;
  const p: Partial<Profile> = query.data ?? {};
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });

  return (
    <Card title={t('profile.basicInfo')}>
      <Tabs
        items={[
          ...extraTabs,
          {
            key: 'profile',
            label: <span data-testid="tab-profile">{t('profile.tabProfile')}</span>,
            children: (
              <>
                <Descriptions title={t('profile.cloudBasic')} column={2} size="small" style={{ marginBottom: 24 }}>
                  <Descriptions.Item label={t('profile.accountName')}>{p.accountName ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={t('profile.tenantName')}>{p.tenantName ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={t('profile.companyName')}>{p.enterpriseName ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={t('profile.mobile')}>{p.mobile ?? '-'}</Descriptions.Item>
                  <Descriptions.Item label={t('profile.certification')}>{p.realNameStatus ?? '-'}</Descriptions.Item>
                </Descriptions>
                {p.verificationCodeRequired !== null && p.verificationCodeRequired !== undefined && (
                  // 验证码验证 (guide 19.8): sensitive operations (调账, 余额支付, 解除关联…) ask for an SMS/e-mail code
                  <Descriptions column={1} size="small" style={{ marginBottom: 24 }}>
                    <Descriptions.Item label={t('profile.verificationCode')}>
                      <Space direction="vertical" size={4}>
                        <Switch
                          checked={p.verificationCodeRequired}
                          loading={saving}
                          onChange={(on) => void save({ verificationCodeRequired: on }, profileForm)}
                          data-testid="profile-verification-code"
                        />
                        <Typography.Text type="secondary">{t('profile.verificationCodeHint')}</Typography.Text>
                      </Space>
                    </Descriptions.Item>
                  </Descriptions>
                )}
                <Form
                  form={profileForm}
                  layout="vertical"
                  style={{ maxWidth: 480 }}
                  onFinish={(v) => save({ name: v.name, email: v.email, accountName: p.accountNameChangeable && v.accountName !== p.accountName ? v.accountName : undefined }, profileForm)}
                  data-testid="profile-form"
                >
                  {p.accountNameChangeable && (
                    <Form.Item name="accountName" label={t('profile.accountName')} extra={t('profile.accountNameOnce')} rules={[required(t('profile.accountName'))]}>
                      <Input data-testid="profile-accountName" />
                    </Form.Item>
                  )}
                  <Form.Item name="name" label={t('profile.name')} rules={[required(t('profile.name'))]}>
                    <Input data-testid="profile-name" />
                  </Form.Item>
                  <Form.Item name="email" label={t('profile.email')} rules={[required(t('profile.email')), { type: 'email', message: t('common.invalidEmail') }]}>
                    <Input data-testid="profile-email" />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={saving} data-testid="profile-save">
                    {t('common.save')}
                  </Button>
                </Form>
              </>
            ),
          },
          {
            key: 'message',
            label: <span data-testid="tab-message-settings">{t('profile.tabMessage')}</span>,
            children: (
              <Form form={messageForm} layout="vertical" style={{ maxWidth: 480 }} onFinish={(v) => save({ language: v.language, timeZone: v.timeZone }, messageForm)} data-testid="message-settings-form">
                <Typography.Paragraph type="secondary">{t('profile.messageHint')}</Typography.Paragraph>
                <Form.Item name="language" label={t('profile.language')} rules={[{ required: true, message: t('common.selectRequired', { field: t('profile.language') }) }]}>
                  <Select
                    data-testid="settings-language"
                    options={[
                      { value: 'zh-CN', label: t('profile.langZh') },
                      { value: 'en-US', label: t('profile.langEn') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="timeZone" label={t('profile.timeZone')} rules={[{ required: true, message: t('common.selectRequired', { field: t('profile.timeZone') }) }]}>
                  <Select data-testid="settings-timeZone" showSearch options={zones} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
                  {t('common.save')}
                </Button>
              </Form>
            ),
          },
        ]}
      />
    </Card>
  );
}
