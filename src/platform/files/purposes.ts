import type { Text } from '../i18n/index.js';

/**
 * What an upload is for decides what it may be. Each purpose names the file types it accepts
 * (by the user-facing extension) and its size limit, exactly as the guide's upload hints say
 * (e.g. "仅支持jpg、bmp、png、pdf格式，大小不超过20MB").
 */
export type FileExtension = 'jpg' | 'bmp' | 'png' | 'gif' | 'pdf' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'zip' | 'rar';

export interface FilePurpose {
  purpose: string;
  maxBytes: number;
  types: readonly FileExtension[];
  maxNameLength: number;
  /** Characters refused in the file name (control characters and path separators always are). */
  forbiddenNameChars: string;
  /** The hint shown beside the upload control and in refusals. */
  hint: Text;
}

/**
 * What the content must look like (file-type's detected `ext`) for a name's extension.
 * Old Word/Excel files are OLE compound files, which file-type reports as 'cfb'.
 */
export const CONTENT_TYPES: Record<FileExtension, readonly string[]> = {
  jpg: ['jpg'],
  bmp: ['bmp'],
  png: ['png'],
  gif: ['gif'],
  pdf: ['pdf'],
  doc: ['cfb'],
  xls: ['cfb'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  zip: ['zip'],
  rar: ['rar'],
};

/** Name extensions that mean the same type. */
const EXTENSION_ALIASES: Record<string, FileExtension> = { jpeg: 'jpg', jpe: 'jpg' };

export function extensionOf(filename: string): FileExtension | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(filename);
  if (!m) return null;
  const ext = m[1]!.toLowerCase();
  const canonical = EXTENSION_ALIASES[ext] ?? ext;
  return canonical in CONTENT_TYPES ? (canonical as FileExtension) : null;
}

export const MB = 1024 * 1024;

function formatSize(bytes: number): { zh: string; en: string } {
  const mb = bytes / MB;
  const n = Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
  return { zh: `${n}MB`, en: `${n} MB` };
}

/** Registry of upload purposes; modules add theirs with defineFilePurpose at import time. */
export const FILE_PURPOSES = new Map<string, FilePurpose>();

export function defineFilePurpose(p: {
  purpose: string;
  maxBytes: number;
  types: readonly FileExtension[];
  maxNameLength?: number;
  forbiddenNameChars?: string;
}): FilePurpose {
  if (FILE_PURPOSES.has(p.purpose)) throw new Error(`file purpose ${p.purpose} defined twice`);
  const size = formatSize(p.maxBytes);
  const def: FilePurpose = {
    purpose: p.purpose,
    maxBytes: p.maxBytes,
    types: p.types,
    maxNameLength: p.maxNameLength ?? 255,
    forbiddenNameChars: p.forbiddenNameChars ?? '',
    hint: {
      zh: `仅支持${p.types.join('、')}格式，大小不超过${size.zh}`,
      en: `Only ${p.types.join(', ')} files up to ${size.en} are accepted`,
    },
  };
  FILE_PURPOSES.set(p.purpose, def);
  return def;
}

const IMAGES_AND_PDF = ['jpg', 'bmp', 'png', 'pdf'] as const;
const MATERIALS = ['doc', 'docx', 'xls', 'xlsx', 'zip', 'rar', 'jpg', 'bmp', 'png', 'gif', 'pdf'] as const;

/** 营业执照 (enrolment, business-info certification). */
defineFilePurpose({ purpose: 'business-licence', maxBytes: 20 * MB, types: IMAGES_AND_PDF });
/** 申请专员审核材料 (project-specialist application materials). */
defineFilePurpose({ purpose: 'specialist-material', maxBytes: 50 * MB, types: MATERIALS });
/** 取消项目专员 attachments (spec 02 R38: ≤50 MB each). */
defineFilePurpose({ purpose: 'specialist-cancel', maxBytes: 50 * MB, types: MATERIALS });
/** 就职信息 employment proof. */
defineFilePurpose({ purpose: 'employment-proof', maxBytes: 20 * MB, types: ['jpg', 'png', 'pdf'] });
/** 证书 (manually uploaded certificates). */
defineFilePurpose({ purpose: 'certificate', maxBytes: 20 * MB, types: ['jpg', 'png', 'pdf'] });
/** 实名认证 licence. */
defineFilePurpose({ purpose: 'real-name-licence', maxBytes: 20 * MB, types: IMAGES_AND_PDF });
/** 能力认证 application form (spec 02 R51: Excel ≤ 50 MB; no ! ; " @ # % & ^ * ~ < > | in names). */
defineFilePurpose({ purpose: 'capability-form', maxBytes: 50 * MB, types: ['xls', 'xlsx'], forbiddenNameChars: '!;"@#%&^*~<>|' });
/** 能力认证 evidence (spec 02 R51: rar/zip ≤ 1 GB). */
defineFilePurpose({ purpose: 'capability-evidence', maxBytes: 1024 * MB, types: ['rar', 'zip'], forbiddenNameChars: '!;"@#%&^*~<>|' });
/** Generic attachment (tickets, review comments, …). */
defineFilePurpose({ purpose: 'attachment', maxBytes: 50 * MB, types: MATERIALS });

/** Purpose of generated files (exports); never accepted as an upload. */
export const GENERATED_PURPOSE = 'export';
