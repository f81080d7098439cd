import { Descriptions, Modal, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../../../api/client';
import { KEYS } from '../api';
import { T, tx } from '../text';

/** 预览邮件内容: the invitation e-mail the customer gets, for the chosen 关联类型. */
export function EmailPreviewLink({ type }: { type: 'consulting' | 'resale' }) {
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: [...KEYS.reports, 'preview', type],
    queryFn: () => api.GET('/api/customers/invitation-email-preview', { params: { query: { associationType: type } } }),
    enabled: open,
  });
  return (
    <>
      <a
        href="#"
        data-testid="preview-email"
        onClick={(e) => {
          e.preventDefault();
          setOpen(true);
        }}
      >
        {tx(T.previewEmail)}
      </a>
      {open && (
        <Modal open title={tx(T.previewEmail)} footer={null} onCancel={() => setOpen(false)} width={640}>
          {q.data ? (
            <Descriptions
              column={1}
              bordered
              size="small"
              data-testid="preview-email-content"
              items={[
                { key: 's', label: pickSubject(), children: q.data.subject },
                { key: 'b', label: pickBody(), children: <div style={{ whiteSpace: 'pre-wrap' }}>{q.data.body}</div> },
              ]}
            />
          ) : (
            <Spin />
          )}
        </Modal>
      )}
    </>
  );
}

const pickSubject = () => tx({ zh: '邮件主题', en: 'Subject' });
const pickBody = () => tx({ zh: '邮件内容', en: 'Body' });
