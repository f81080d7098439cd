import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fileUrl, uploadFile, type UploadedFile } from '../api/client';
import { useFeedback } from './feedback';

interface Props {
  purpose: string;
  value?: UploadedFile[];
  onChange?: (files: UploadedFile[]) => void;
  maxCount?: number;
  maxSizeMb?: number;
  /** allowed extensions without dots, e.g. ['pdf', 'jpg'] */
  extensions?: string[];
  testId?: string;
  messages?: { tooMany?: string; tooLarge?: string; badType?: string };
}

/**
 * Form control that uploads each chosen file to POST /api/files at once and keeps the
 * uploaded {id,name} list as its value; the form submits the ids.
 */
export function FileUpload({ purpose, value = [], onChange, maxCount = 1, maxSizeMb = 50, extensions, testId, messages }: Props) {
  const { t } = useTranslation();
  const { message, handleError } = useFeedback();
  const [uploading, setUploading] = useState(0);
  // Several files may finish together; build on the latest list, not this render's.
  const latest = useRef(value);
  latest.current = value;
  const fileList: UploadFile[] = value.map((f) => ({ uid: f.id, name: f.name, status: 'done', url: fileUrl(f.id) }));

  return (
    <Upload
      fileList={fileList}
      multiple={maxCount > 1}
      accept={extensions?.map((e) => '.' + e).join(',')}
      onRemove={(file) => {
        onChange?.(value.filter((f) => f.id !== file.uid));
        return true;
      }}
      beforeUpload={(file) => {
        const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
        if (extensions && !extensions.includes(ext)) {
          void message.error(messages?.badType ?? t('specialists.fileTypeInvalid'));
          return Upload.LIST_IGNORE;
        }
        if (file.size > maxSizeMb * 1024 * 1024) {
          void message.error(messages?.tooLarge ?? t('specialists.fileTooLarge'));
          return Upload.LIST_IGNORE;
        }
        if (value.length + uploading >= maxCount) {
          void message.error(messages?.tooMany ?? t('specialists.tooManyFiles'));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        setUploading((n) => n + 1);
        try {
          const uploaded = await uploadFile(purpose, file as File);
          const next = maxCount === 1 ? [uploaded] : [...latest.current, uploaded];
          latest.current = next;
          onChange?.(next);
          onSuccess?.(uploaded);
        } catch (err) {
          handleError(err);
          onError?.(err as Error);
        } finally {
          setUploading((n) => n - 1);
        }
      }}
    >
      <Button icon={<UploadOutlined />} loading={uploading > 0} data-testid={testId}>
        {t('common.upload')}
      </Button>
    </Upload>
  );
}
