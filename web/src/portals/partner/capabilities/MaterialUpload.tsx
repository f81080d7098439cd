import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl, uploadFile, type UploadedFile } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { FORBIDDEN_CHARS } from './text';

interface Props {
  purpose: 'capability-form' | 'capability-evidence';
  extensions: string[];
  maxSizeMb: number;
  /** the guide's one-line rule, shown when a file breaks it */
  hint: string;
  value?: UploadedFile[];
  onChange?: (files: UploadedFile[]) => void;
  testId?: string;
}

/**
 * One file of 申请材料 (R51): checks type, size and the forbidden name characters before sending a
 * byte (evidence may be 1 GB), then uploads to POST /api/files with the capability purpose, which
 * checks all three again.
 */
export function MaterialUpload({ purpose, extensions, maxSizeMb, hint, value = [], onChange, testId }: Props) {
  const { t } = useTranslation();
  const { message, handleError } = useFeedback();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      fileList={value.map((f) => ({ uid: f.id, name: f.name, status: 'done', url: fileUrl(f.id) }))}
      accept={extensions.map((e) => '.' + e).join(',')}
      maxCount={1}
      onRemove={() => {
        onChange?.([]);
        return true;
      }}
      beforeUpload={(file) => {
        const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
        const badName = [...file.name].some((c) => FORBIDDEN_CHARS.includes(c));
        if (!extensions.includes(ext) || file.size > maxSizeMb * 1024 * 1024 || badName) {
          void message.error(hint);
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        setBusy(true);
        try {
          const uploaded = await uploadFile(purpose, file as File);
          onChange?.([uploaded]);
          onSuccess?.(uploaded);
        } catch (err) {
          handleError(err);
          onError?.(err as Error);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
        {t('common.upload')}
      </Button>
    </Upload>
  );
}
