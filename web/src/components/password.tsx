import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Form, Space, Typography } from 'antd';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';

/** The guide's password rules (8–32 chars, letters and digits, no spaces), mirrored from the server's `passwordRules`. */
export function passwordChecks(value: string) {
  return {
    length: value.length >= 8 && value.length <= 32,
    lettersDigits: /[A-Za-z]/.test(value) && /\d/.test(value),
    noSpaces: value.length > 0 && !/\s/.test(value),
  };
}

export const isStrongPassword = (value: string) => Object.values(passwordChecks(value)).every(Boolean);

/** The rules shown live under a password input while typing. */
export function PasswordRules({ value }: { value?: string }) {
  const { t } = useTranslation();
  const checks = passwordChecks(value ?? '');
  const row = (ok: boolean, text: string, id: string) => (
    <Typography.Text type={ok ? 'success' : 'secondary'} data-testid={`password-rule-${id}`} data-ok={ok}>
      {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {text}
    </Typography.Text>
  );
  return (
    <Space direction="vertical" size={0} style={{ marginTop: 4 }} aria-live="polite">
      {row(checks.length, t('password.ruleLength'), 'length')}
      {row(checks.lettersDigits, t('password.ruleLettersDigits'), 'letters-digits')}
      {row(checks.noSpaces, t('password.ruleNoSpaces'), 'no-spaces')}
    </Space>
  );
}

/** Form rules for a new password and its confirmation field. */
export function usePasswordRules(passwordField = 'password') {
  const { t } = useTranslation();
  const password: FormRule[] = [
    { required: true, message: t('common.required', { field: t('auth.password') }) },
    {
      validator: (_, value: string | undefined) =>
        !value || isStrongPassword(value) ? Promise.resolve() : Promise.reject(new Error(t('password.weak'))),
    },
  ];
  const confirm: FormRule[] = [
    { required: true, message: t('common.required', { field: t('auth.confirmPassword') }) },
    ({ getFieldValue }) => ({
      validator: (_, value: string | undefined) =>
        !value || value === getFieldValue(passwordField) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
    }),
  ];
  return { password, confirm };
}

/** Renders the live rule list for the named password field of the surrounding form. */
export function LivePasswordRules({ field = 'password' }: { field?: string }) {
  const value = Form.useWatch(field) as string | undefined;
  return <PasswordRules value={value} />;
}

export const MOBILE_PATTERN = /^(\+\d{1,4}[- ]?)?\d{6,15}$/;
