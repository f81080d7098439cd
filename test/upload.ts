import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Real file heads, as file-type sees them: a 1×1 PNG, a JPEG head, a PDF, an OLE (cfb) head. */
export const SAMPLE = {
  PNG: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
  JPG: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(200, 1)]),
  PDF: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  CFB: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]),
};

/** A multipart/form-data body: text fields first, then the file (as the upload route expects). */
export function multipart(fields: [string, string][], file?: { name: string; body: Buffer }) {
  const boundary = '----pc' + randomUUID();
  const parts: Buffer[] = [];
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file.body,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Upload through POST /api/files and return the file id. */
export async function upload(app: FastifyInstance, headers: Record<string, string>, purpose: string, name: string, body: Buffer): Promise<string> {
  const m = multipart([['purpose', purpose]], { name, body });
  const res = await app.inject({ method: 'POST', url: '/api/files', headers: { ...headers, ...m.headers }, payload: m.payload });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`upload failed ${res.statusCode} ${res.body}`);
  return res.json().id as string;
}
