import { DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, Tag, Timeline, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fileUrl, type UploadedFile } from '../../../api/client';
import { useFeedback } from '../../../components/feedback';
import { formatTime } from '../../../components/format';

/**
 * Small UI helpers shared by the partner-lifecycle pages (HCPN, paths, solutions, capabilities and
 * their ops pages): bilingual texts of the folders' text.ts files, field errors on form lists, the
 * applicant's review history and names of already uploaded files.
 */

export interface Bi {
  zh: string;
  en: string;
}

const fill = (s: string, params?: Record<string, string | number>) =>
  params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;

/** `tx(text, params)`: a `{ zh, en }` text in the UI language, `{name}` placeholders filled; re-renders on a language switch. */
export function useTx() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useCallback((text: Bi, params?: Record<string, string | number>) => fill(en ? text.en : text.zh, params), [en]);
}

/** "0/1,000" as the guide prints antd's character counter. */
export const guideCount = { formatter: ({ count, maxLength }: { count: number; maxLength?: number }) => `${count}/${(maxLength ?? 0).toLocaleString('en-US')}` };

type NamePath = (string | number)[];

/**
 * `handleError(err, form)`, plus: list indices in the server's field keys (`contacts.0.name`) become
 * numbers so they reach Form.List items, and `rename` maps a server field to the form's name
 * (e.g. `licenceFileId` → the upload control `licence`).
 */
export function useFormFeedback() {
  const fb = useFeedback();
  const fail = (err: unknown, form?: FormInstance, rename: Record<string, NamePath> = {}) => {
    if (err instanceof ApiError && form && Object.keys(err.fields).length) {
      form.setFields(
        Object.entries(err.fields).map(([name, msg]) => ({
          name: rename[name] ?? name.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
          errors: [msg],
        })),
      );
      void fb.message.error(err.message);
      return;
    }
    fb.handleError(err, form);
  };
  return { ...fb, fail };
}

/** Reasons and other values a refusal names (`params`), e.g. `{ reasons: [...] }` of 退出路径. */
export const refusalParams = (err: unknown): Record<string, unknown> => (err instanceof ApiError ? err.params : {});

// ---------------------------------------------------------------------------------------------
// Uploaded files known only by id (drafts read back): their names come from the download's
// Content-Disposition, asked with HEAD.

function nameFromDisposition(h: string | null): string | null {
  if (!h) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(h);
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(h);
  return plain ? plain[1]! : null;
}

async function fileRef(id: string, index: number): Promise<UploadedFile> {
  try {
    const res = await fetch(fileUrl(id), { method: 'HEAD', credentials: 'same-origin' });
    const name = nameFromDisposition(res.headers.get('content-disposition'));
    return { id, name: name ?? `#${index + 1}`, size: Number(res.headers.get('content-length') ?? 0), mime: res.headers.get('content-type') ?? '' };
  } catch {
    return { id, name: `#${index + 1}`, size: 0, mime: '' };
  }
}

/**
 * Download a generated file (certificate, badge): fetched first so a refusal (e.g. 方案已过期)
 * shows as a message instead of a page of JSON; saved under the server's file name.
 */
export async function download(url: string, fallbackName = 'download'): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { 'x-lang': document.documentElement.lang || 'zh-CN' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(res.status, body);
  }
  const blob = await res.blob();
  const name = nameFromDisposition(res.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** A link or button that downloads a generated file and reports a refusal as a message. */
export function DownloadLink({ url, children, testId, button, disabled, onDone }: { url: string; children: React.ReactNode; testId?: string; button?: boolean; disabled?: boolean; onDone?: () => void }) {
  const { handleError } = useFeedback();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await download(url);
      onDone?.();
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  };
  if (button)
    return (
      <Button icon={<DownloadOutlined />} loading={busy} onClick={run} data-testid={testId} disabled={disabled}>
        {children}
      </Button>
    );
  return (
    <a onClick={busy || disabled ? undefined : run} data-testid={testId} aria-disabled={busy || disabled}>
      {children}
    </a>
  );
}

export const fileRefs = (ids: readonly string[] | undefined | null) => Promise.all((ids ?? []).map((id, i) => fileRef(id, i)));

/** Links to uploaded files by id, named by their download names. */
export function FileLinks({ ids, testId }: { ids: readonly string[] | undefined | null; testId?: string }) {
  const list = [...(ids ?? [])];
  const q = useQuery({ queryKey: ['file-refs', list], queryFn: () => fileRefs(list), enabled: list.length > 0, staleTime: Infinity });
  if (!list.length) return <span data-testid={testId}>-</span>;
  const refs = q.data ?? list.map((id, i) => ({ id, name: `#${i + 1}` }));
  return (
    <span data-testid={testId}>
      {refs.map((f, i) => (
        <span key={f.id}>
          {i > 0 && '、'}
          <a href={fileUrl(f.id)} target="_blank" rel="noreferrer">
            {f.name}
          </a>
        </span>
      ))}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Status tags: one colour per outcome, the server's Chinese status name as the text.

const COLORS: Record<string, string> = {
  draft: 'default',
  in_review: 'processing',
  reviewing: 'processing',
  pending_review: 'processing',
  materials_update: 'warning',
  expiring: 'warning',
  rejected: 'error',
  failed: 'error',
  expired: 'error',
  ended: 'default',
  withdrawn: 'default',
  not_joined: 'default',
  approved: 'success',
  passed: 'success',
  joined: 'success',
};

export function StatusTag({ status, name, testId }: { status: string; name: string; testId?: string }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid={testId} data-status={status}>
      {name}
    </Tag>
  );
}

// ---------------------------------------------------------------------------------------------
// 审核记录: the applicant's view of a review (GET /api/reviews/:id); staff appear as 华为云.

const ACTIONS = ['save_draft', 'submit', 'resubmit', 'approve_stage', 'approve', 'reject', 'return', 'withdraw', 'comment'] as const;

export function ReviewHistory({ reviewId }: { reviewId: string | null | undefined }) {
  const { t } = useTranslation();
  const tx = useTx();
  const q = useQuery({ queryKey: ['reviews', 'mine', reviewId], queryFn: () => api.GET('/api/reviews/{id}', { params: { path: { id: reviewId! } } }), enabled: !!reviewId });
  if (!reviewId) return <Empty description={t('common.noData')} />;
  if (q.isLoading) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  const history = q.data?.history ?? [];
  if (!history.length) return <Empty description={t('common.noData')} />;
  const actionName = (a: string) => ((ACTIONS as readonly string[]).includes(a) ? t(`ops.event.${a as (typeof ACTIONS)[number]}`) : a);
  return (
    <Timeline
      data-testid="review-history"
      items={history.map((h) => ({
        children: (
          <>
            <Typography.Text strong>{actionName(h.action)}</Typography.Text> {h.stage && <Tag>{tx(h.stage.name)}</Tag>}
            <div>
              <Typography.Text type="secondary">
                {h.actorKind === 'staff' ? tx({ zh: '华为云', en: 'HUAWEI CLOUD' }) : (h.actorName ?? '')} · {formatTime(h.at)}
              </Typography.Text>
            </div>
            {h.comment && <div>{h.comment}</div>}
          </>
        ),
      }))}
    />
  );
}
