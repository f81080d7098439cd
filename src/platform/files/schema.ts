import { pgTable, text, timestamp, uuid, bigint, index } from 'drizzle-orm/pg-core';

/**
 * Metadata of every stored file (uploads such as business licences and materials, and generated
 * files such as exports). The bytes live in the storage (local directory or S3) under `storage_key`.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id'), // the owning tenant; null for accounts and staff
    ownerKind: text('owner_kind').notNull(), // account | member | partner-account | staff | system
    ownerId: uuid('owner_id'),
    purpose: text('purpose').notNull(), // a key of FILE_PURPOSES, or 'export'
    originalName: text('original_name').notNull(),
    mime: text('mime').notNull(), // detected from the content, not taken from the client
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('files_partner_created_idx').on(t.partnerId, t.createdAt),
    index('files_owner_created_idx').on(t.ownerKind, t.ownerId, t.createdAt),
    index('files_sha256_idx').on(t.sha256),
  ],
);

export type FileRow = typeof files.$inferSelect;
