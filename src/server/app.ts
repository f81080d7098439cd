import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import {
  serializerCompiler,
  validatorCompiler,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '../platform/db/index.js';
import type { Deps } from '../platform/deps.js';
import type { Actor, Ctx } from '../platform/context.js';
import { AppError, forbidden } from '../platform/errors.js';
import { pickLang, render, type Lang } from '../platform/i18n/index.js';
import { authorize, type Access } from '../platform/http.js';
import { CSRF_HEADER, SESSION_COOKIE, findSession, type SessionRow } from '../platform/auth/sessions.js';
import { metricsPlugin } from './metrics.js';

export interface AppOptions {
  database: Database;
  deps: Deps;
  /** Turn a session into an actor (accounts + org modules; see server/actor.ts). */
  resolveActor: (db: Database['db'], session: SessionRow) => Promise<Actor | null>;
  modules: { name: string; routes: FastifyPluginAsync<any>; options?: Record<string, unknown> }[];
  logger?: boolean | object;
  web?: (app: FastifyInstance) => Promise<void>;
}

export interface ApiRoute {
  method: string;
  url: string;
  access: Access;
  /** declares a JSON body schema (the matrix checks that unknown fields are refused) */
  hasBody: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: ApiRoute[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The summary message of a schema validation failure, in the caller's language. */
function validationMessage(lang: Lang) {
  return lang === 'en-US' ? 'Invalid input' : '输入有误';
}

/**
 * A field's message in the caller's language. Our own schema messages are written "中文 / English";
 * zod's generic ones are translated for the common cases.
 */
export function fieldMessage(code: string, message: string, params: Record<string, unknown>, lang: Lang): string {
  const en = lang === 'en-US';
  if (message.includes(' / ')) {
    const [zh, eng] = message.split(' / ');
    return en ? eng! : zh!;
  }
  if (code === 'invalid_type' && /received undefined/.test(message)) return en ? 'Required' : '必填项';
  if (code === 'too_small' && params.origin === 'string') return en ? `At least ${params.minimum} characters` : `至少${params.minimum}个字符`;
  if (code === 'too_big' && params.origin === 'string') return en ? `At most ${params.maximum} characters` : `不能超过${params.maximum}个字符`;
  if (code === 'too_small' && params.origin === 'array') return en ? `Choose at least ${params.minimum}` : `至少选择${params.minimum}项`;
  if (code === 'too_big' && params.origin === 'array') return en ? `At most ${params.maximum} items` : `最多${params.maximum}项`;
  if (code === 'too_small' || code === 'too_big') return en ? message : `数值超出范围（${message}）`;
  if (code === 'invalid_format' && params.format === 'email') return en ? 'Invalid e-mail address' : '邮箱格式不正确';
  if (code === 'invalid_format' && params.format === 'uuid') return en ? 'Invalid id' : 'ID格式不正确';
  if (code === 'invalid_value' || code === 'invalid_enum_value') return en ? message : `取值无效（${message}）`;
  return en ? message : `格式不正确（${message}）`;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => randomUUID(),
    // Behind a reverse proxy set TRUST_PROXY=true so req.ip is the client's; never trust X-Forwarded-For by default.
    trustProxy: process.env.TRUST_PROXY === 'true',
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects styles at run time
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, { global: true, max: 1200, timeWindow: '1 minute', allowList: ['127.0.0.1', '::1', '::ffff:127.0.0.1'] });
  await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024, files: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Partner Center API', version: '0.1.0', description: 'Internal JSON API of the Partner Center UI (伙伴中心).' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
    // named schemas (recursive menu trees) become components instead of dangling references
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(metricsPlugin);

  // Every route declares who may call it; the access matrix test depends on this.
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/')) return;
    const access = route.config?.access as Access | undefined;
    if (!access) throw new Error(`route ${route.method} ${url} declares no access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url, access, hasBody: Boolean(route.schema?.body) });
  });

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (req) => {
    const lang = pickLang((req.headers['x-lang'] as string | undefined) ?? req.cookies['pc_lang'] ?? req.headers['accept-language']);
    const ctx: Ctx = {
      db: opts.database.db,
      actor: { kind: 'anonymous' },
      lang,
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      requestId: req.id,
      deps: opts.deps,
    };
    req.ctx = ctx;
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const session = await findSession(opts.database.db, token);
    if (!session) return;
    // CSRF: a cookie session authorises an unsafe method only with the session's token in a header.
    if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new AppError(403, 'csrf.invalid', { zh: '请求校验失败，请刷新页面后重试', en: 'Request check failed; reload the page and try again' });
    }
    const actor = await opts.resolveActor(opts.database.db, session);
    if (actor) {
      ctx.actor = actor;
      ctx.sessionId = session.id;
    }
  });

  // Authorise before the body is parsed or validated: an unauthorised caller learns nothing
  // from validation messages, and costs no parsing.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    if (!req.url.startsWith('/api/')) return;
    const access = req.routeOptions.config?.access as Access | undefined;
    if (access) authorize(req.ctx, access);
    else if (req.routeOptions.url) throw forbidden(); // a matched /api route without a declaration
  });

  // An empty JSON body (e.g. DELETE with a content-type header) is "no body", not an error.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (body === '' || body === undefined) return done(null, undefined);
    return jsonParser(req, body as string, done);
  });

  app.setErrorHandler((err, req, reply) => {
    const lang = req.ctx?.lang ?? 'zh-CN';
    if (err instanceof AppError) {
      const fields = err.fields
        ? Object.fromEntries(Object.entries(err.fields).map(([k, t]) => [k, render(t, lang, err.params)]))
        : undefined;
      return reply.status(err.status).send({ code: err.code, message: render(err.text, lang, err.params), fields, params: err.params });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const key = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        const params = v.params as Record<string, unknown>;
        if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
          for (const k of params.keys as string[]) fields[key ? `${key}.${k}` : k] = lang === 'en-US' ? 'Unknown field' : '不支持的字段';
        } else {
          fields[key || '_'] = fieldMessage(v.keyword, v.message ?? 'invalid', params, lang);
        }
      }
      return reply.status(400).send({ code: 'validation', message: validationMessage(lang), fields });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response serialization failed');
      return reply.status(500).send({ code: 'internal', message: 'Internal error' });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ code: (err as { code?: string }).code ?? "bad-request", message: (err as Error).message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: lang === 'en-US' ? 'Internal error' : '系统错误，请稍后重试' });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ code: 'not-found', message: req.ctx?.lang === 'en-US' ? 'Not found' : '页面不存在' });
  });

  app.get('/healthz', async () => {
    await opts.database.query('select 1');
    return { status: 'ok', db: opts.database.kind };
  });

  for (const m of opts.modules) await app.register(m.routes, m.options ?? {});
  if (opts.web) await opts.web(app);
  return app;
}
