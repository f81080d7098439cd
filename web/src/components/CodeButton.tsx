import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "获取验证码" with a 60-second cool-down after a successful send. */
export function CodeButton({ onSend, testId = 'send-code' }: { onSend: () => Promise<boolean>; testId?: string }) {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState(0);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (seconds <= 0) return;
    const timer = setTimeout(() => setSeconds((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [seconds]);
  return (
    <Button
      disabled={seconds > 0}
      loading={sending}
      data-testid={testId}
      onClick={async () => {
        setSending(true);
        try {
          if (await onSend()) setSeconds(60);
        } finally {
          setSending(false);
        }
      }}
    >
      {seconds > 0 ? t('auth.resendIn', { seconds }) : t('auth.getCode')}
    </Button>
  );
}
