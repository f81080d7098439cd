import path from 'node:path';

/** Configuration from the environment (README lists every variable). */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  publicUrl: string;
  storage: { kind: 'local'; dir: string } | { kind: 's3'; bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };
  smtp?: { url: string; from: string };
  /** The demo inbox (e-mail and SMS visible in the UI) is on unless SMTP is configured or DEMO_INBOX=off. */
  demoInbox: boolean;
  cookieSecure: boolean;
  logLevel: string;
  jobs: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const port = Number(env.PORT ?? 3000);
  const smtp = env.SMTP_URL ? { url: env.SMTP_URL, from: env.MAIL_FROM ?? 'Partner Center <no-reply@localhost>' } : undefined;
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    storage:
      env.STORAGE === 's3'
        ? {
            kind: 's3',
            bucket: env.S3_BUCKET ?? 'partner-center',
            region: env.S3_REGION ?? 'us-east-1',
            endpoint: env.S3_ENDPOINT,
            accessKeyId: env.S3_ACCESS_KEY_ID,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
          }
        : { kind: 'local', dir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')) },
    smtp,
    demoInbox: env.DEMO_INBOX ? env.DEMO_INBOX !== 'off' : !smtp,
    cookieSecure: env.COOKIE_SECURE === 'true',
    logLevel: env.LOG_LEVEL ?? 'warn',
    jobs: env.JOBS !== 'off',
  };
}
