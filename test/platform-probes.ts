import type { Probe, ProbeWorld } from './tenant-probes.js';
import { accountSession, makeAccount } from './fixtures.js';
import { upload, SAMPLE } from './upload.js';

/** Tenant probes for the platform's own routes with path parameters (reviews, files, inbox, exports). */

let seq = 0;
/** A fresh account with a real-name application under review: an application, a file and an inbox message it owns. */
async function applicant(w: ProbeWorld) {
  const account = await makeAccount(w.t.database, { realNameStatus: 'none', realNameType: null });
  const session = await accountSession(w.t.database, account);
  const fileId = await upload(w.t.app, session.headers, 'real-name-licence', 'licence.png', SAMPLE.PNG);
  const uscc = `9144030000000${String(100000 + seq++).slice(1)}`;
  const res = await w.t.app.inject({
    method: 'POST',
    url: '/api/real-name',
    headers: session.headers,
    payload: { companyName: '探针科技有限公司', uscc, legalRepresentative: '张三', licenceFileId: fileId, contactName: '李四', contactMobile: '13800002222' },
  });
  if (res.statusCode !== 201) throw new Error(`probe setup: real-name ${res.statusCode} ${res.body}`);
  return { session, fileId, reviewId: res.json().application.reviewId as string };
}

export const platformTenantProbes: Record<string, Probe> = {
  'GET /api/reviews/:id': async (w) => {
    const a = await applicant(w);
    return { url: `/api/reviews/${a.reviewId}`, ownerSession: a.session, intruderSession: w.otherAccountSession };
  },
  'POST /api/reviews/:id/withdraw': async (w) => {
    const a = await applicant(w);
    return { url: `/api/reviews/${a.reviewId}/withdraw`, payload: {}, ownerSession: a.session, intruderSession: w.otherAccountSession };
  },
  'POST /api/reviews/:id/comment': async (w) => {
    const a = await applicant(w);
    return { url: `/api/reviews/${a.reviewId}/comment`, payload: { comment: '补充说明' }, ownerSession: a.session, intruderSession: w.otherAccountSession };
  },
  'GET /api/files/:id': async (w) => {
    const fileId = await upload(w.t.app, w.aSession.headers, 'attachment', 'a.pdf', SAMPLE.PDF);
    return { url: `/api/files/${fileId}`, ownerSession: w.aSession, intruderSession: w.bSession };
  },
  'POST /api/inbox/:id/read': async (w) => {
    const a = await applicant(w);
    const inbox = await w.t.app.inject({ method: 'GET', url: '/api/inbox', headers: a.session.headers });
    const id = inbox.json().items[0]?.id;
    if (!id) throw new Error(`probe setup: no inbox message ${inbox.body}`);
    return { url: `/api/inbox/${id}/read`, payload: {}, ownerSession: a.session, intruderSession: w.otherAccountSession };
  },
  'GET /api/exports/:id/download': async (w) => {
    const res = await w.t.app.inject({ method: 'POST', url: '/api/exports', headers: w.aSession.headers, payload: { kind: 'org.members', params: {}, format: 'csv' } });
    if (res.statusCode >= 300) throw new Error(`probe setup: export ${res.statusCode} ${res.body}`);
    await w.t.drainJobs();
    return { url: `/api/exports/${res.json().export.id}/download`, ownerSession: w.aSession, intruderSession: w.bSession };
  },
};
