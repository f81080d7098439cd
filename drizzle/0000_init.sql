CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"partner_id" uuid,
	"customer_account_id" uuid,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"ip" text,
	"request_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "auth_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"partner_id" uuid,
	"portal" text NOT NULL,
	"csrf_token" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verification_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"target" text NOT NULL,
	"subject_key" text,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "export_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid,
	"requested_by_kind" text NOT NULL,
	"requested_by_id" uuid,
	"actor" jsonb NOT NULL,
	"lang" text NOT NULL,
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"format" text NOT NULL,
	"status" text NOT NULL,
	"progress_rows" integer DEFAULT 0 NOT NULL,
	"total_rows" integer,
	"file_id" uuid,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid,
	"owner_kind" text NOT NULL,
	"owner_id" uuid,
	"purpose" text NOT NULL,
	"original_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "files_storage_key_unique" UNIQUE("storage_key")
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"owner_kind" text NOT NULL,
	"owner_id" uuid,
	"partner_id" uuid,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"balance" numeric(24, 8) DEFAULT '0' NOT NULL,
	"floor" numeric(24, 8),
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_accounts_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "ledger_posting_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"posting_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount" numeric(24, 8) NOT NULL,
	"balance_after" numeric(24, 8) NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ledger_lines_amount_nonzero" CHECK ("ledger_posting_lines"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_postings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"kind" text NOT NULL,
	"memo" text,
	"partner_id" uuid,
	"actor_kind" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "ledger_postings_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"recipient_kind" text,
	"recipient_id" uuid,
	"address" text,
	"template" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "review_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"partner_id" uuid,
	"applicant_kind" text NOT NULL,
	"applicant_id" uuid NOT NULL,
	"applicant_name" text,
	"summary" text,
	"status" text NOT NULL,
	"stage_index" integer DEFAULT 0 NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reject_reason" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"label" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"stage_index" integer,
	"stage_key" text,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"comment" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_name" text NOT NULL,
	"account_name_changed_at" timestamp with time zone,
	"country_region" text DEFAULT '中国' NOT NULL,
	"mobile" text NOT NULL,
	"email" text,
	"password_hash" text NOT NULL,
	"name" text,
	"tenant_name" text NOT NULL,
	"cloud_activated_at" timestamp with time zone,
	"cloud_terms_version" text,
	"real_name_status" text DEFAULT 'none' NOT NULL,
	"real_name_type" text,
	"enterprise_name" text,
	"language" text DEFAULT 'zh-CN' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "real_name_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"review_id" uuid,
	"company_name" text NOT NULL,
	"uscc" text NOT NULL,
	"legal_representative" text NOT NULL,
	"licence_file_id" uuid NOT NULL,
	"contact_name" text NOT NULL,
	"contact_mobile" text NOT NULL,
	"status" text NOT NULL,
	"reject_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"mobile" text,
	"password_hash" text NOT NULL,
	"roles" text[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_associations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"association_type" text NOT NULL,
	"status" text DEFAULT 'associated' NOT NULL,
	"account_manager_id" uuid,
	"associated_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "customer_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" text NOT NULL,
	"mobile" text NOT NULL,
	"email" text NOT NULL,
	"landline" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_roles" (
	"member_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "member_roles_member_id_role_id_pk" PRIMARY KEY("member_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "org_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"account_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"name" text NOT NULL,
	"mobile" text NOT NULL,
	"email" text NOT NULL,
	"landline" text,
	"status" text DEFAULT 'normal' NOT NULL,
	"supervisor_id" uuid,
	"qualification_review_pending" boolean DEFAULT false NOT NULL,
	"language" text DEFAULT 'zh-CN' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid,
	"preset_key" text,
	"name" text NOT NULL,
	"description" text,
	"permissions" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_invitation_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"invitation_id" uuid NOT NULL,
	"sent_by_kind" text NOT NULL,
	"sent_by_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_binding_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"invitation_id" uuid NOT NULL,
	"bound_at" timestamp with time zone NOT NULL,
	"unbound_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "member_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"type" text NOT NULL,
	"source" text NOT NULL,
	"name" text NOT NULL,
	"number" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"file_id" uuid,
	"status" text NOT NULL,
	"reject_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_employment" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"employer" text,
	"work_base" text,
	"proof_file_id" uuid,
	"submitted_at" timestamp with time zone,
	"work_base_updated_by_kind" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"invited_by_kind" text NOT NULL,
	"invited_by_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_value" text NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_before_apply" text,
	"apply_reject_reason" text,
	"token" text NOT NULL,
	"invited_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"bound_at" timestamp with time zone,
	"unbound_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"delivery_start" date NOT NULL,
	"delivery_end" date NOT NULL,
	"role" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"result" text,
	"score" integer,
	"completed_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_specialists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"invitation_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"application_id" uuid,
	"path" text NOT NULL,
	"deployment_mode" text,
	"work_base" text,
	"material_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"cancel_reason" text,
	"cancel_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"cancel_reject_reason" text,
	"ended_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"is_main_account" boolean DEFAULT false NOT NULL,
	"display_name" text NOT NULL,
	"paths" text[] DEFAULT '{}' NOT NULL,
	"programs" text[] DEFAULT '{}' NOT NULL,
	"verification_code_required" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_posting_lines" ADD CONSTRAINT "ledger_posting_lines_posting_id_ledger_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."ledger_postings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_posting_lines" ADD CONSTRAINT "ledger_posting_lines_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_attachments" ADD CONSTRAINT "review_attachments_application_id_review_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."review_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_application_id_review_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."review_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "real_name_applications" ADD CONSTRAINT "real_name_applications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_associations" ADD CONSTRAINT "customer_associations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_associations" ADD CONSTRAINT "customer_associations_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_contacts" ADD CONSTRAINT "customer_contacts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_roles" ADD CONSTRAINT "member_roles_member_id_org_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."org_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_roles" ADD CONSTRAINT "member_roles_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_members" ADD CONSTRAINT "org_members_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roles" ADD CONSTRAINT "roles_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_invitation_sends" ADD CONSTRAINT "member_invitation_sends_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_invitation_sends" ADD CONSTRAINT "member_invitation_sends_invitation_id_member_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."member_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_binding_history" ADD CONSTRAINT "member_binding_history_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_binding_history" ADD CONSTRAINT "member_binding_history_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_binding_history" ADD CONSTRAINT "member_binding_history_invitation_id_member_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."member_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_certificates" ADD CONSTRAINT "member_certificates_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_employment" ADD CONSTRAINT "member_employment_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_invitations" ADD CONSTRAINT "member_invitations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_invitations" ADD CONSTRAINT "member_invitations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_projects" ADD CONSTRAINT "member_projects_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_trainings" ADD CONSTRAINT "member_trainings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_specialists" ADD CONSTRAINT "project_specialists_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_specialists" ADD CONSTRAINT "project_specialists_invitation_id_member_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."member_invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_specialists" ADD CONSTRAINT "project_specialists_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_partner_at_idx" ON "audit_log" USING btree ("partner_id","at");--> statement-breakpoint
CREATE INDEX "audit_action_at_idx" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_object_idx" ON "audit_log" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "audit_customer_at_idx" ON "audit_log" USING btree ("customer_account_id","at");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sessions_subject_idx" ON "sessions" USING btree ("subject_kind","subject_id");--> statement-breakpoint
CREATE INDEX "verification_codes_target_idx" ON "verification_codes" USING btree ("purpose","target","created_at");--> statement-breakpoint
CREATE INDEX "export_jobs_partner_created_idx" ON "export_jobs" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "export_jobs_requester_created_idx" ON "export_jobs" USING btree ("requested_by_kind","requested_by_id","created_at");--> statement-breakpoint
CREATE INDEX "export_jobs_status_created_idx" ON "export_jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "export_jobs_expires_idx" ON "export_jobs" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "files_partner_created_idx" ON "files" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "files_owner_created_idx" ON "files" USING btree ("owner_kind","owner_id","created_at");--> statement-breakpoint
CREATE INDEX "files_sha256_idx" ON "files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "ledger_accounts_partner_idx" ON "ledger_accounts" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "ledger_accounts_owner_idx" ON "ledger_accounts" USING btree ("owner_kind","owner_id");--> statement-breakpoint
CREATE INDEX "ledger_lines_account_at_idx" ON "ledger_posting_lines" USING btree ("account_id","created_at","id");--> statement-breakpoint
CREATE INDEX "ledger_lines_posting_idx" ON "ledger_posting_lines" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "ledger_postings_partner_at_idx" ON "ledger_postings" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_postings_kind_at_idx" ON "ledger_postings" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_kind","recipient_id","channel","created_at");--> statement-breakpoint
CREATE INDEX "notifications_address_idx" ON "notifications" USING btree ("address","created_at");--> statement-breakpoint
CREATE INDEX "notifications_status_idx" ON "notifications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "review_app_queue_idx" ON "review_applications" USING btree ("kind","status","stage_index","submitted_at");--> statement-breakpoint
CREATE INDEX "review_app_status_submitted_idx" ON "review_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "review_app_partner_idx" ON "review_applications" USING btree ("partner_id","kind","status","submitted_at");--> statement-breakpoint
CREATE INDEX "review_app_subject_idx" ON "review_applications" USING btree ("subject_type","subject_id","kind");--> statement-breakpoint
CREATE INDEX "review_app_applicant_idx" ON "review_applications" USING btree ("applicant_kind","applicant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_app_open_subject_uq" ON "review_applications" USING btree ("kind","subject_type","subject_id") WHERE "review_applications"."status" <> 'approved';--> statement-breakpoint
CREATE INDEX "review_attachments_app_idx" ON "review_attachments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "review_attachments_file_idx" ON "review_attachments" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "review_events_app_idx" ON "review_events" USING btree ("application_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_account_name_uq" ON "accounts" USING btree ("account_name");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_mobile_uq" ON "accounts" USING btree ("mobile");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_uq" ON "accounts" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_tenant_name_uq" ON "accounts" USING btree ("tenant_name");--> statement-breakpoint
CREATE INDEX "real_name_account_idx" ON "real_name_applications" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_username_uq" ON "staff_users" USING btree ("username");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_associations_active_uq" ON "customer_associations" USING btree ("customer_account_id") WHERE status = 'associated';--> statement-breakpoint
CREATE INDEX "customer_associations_partner_idx" ON "customer_associations" USING btree ("partner_id","status","associated_at");--> statement-breakpoint
CREATE INDEX "customer_associations_manager_idx" ON "customer_associations" USING btree ("account_manager_id");--> statement-breakpoint
CREATE INDEX "customer_contacts_partner_idx" ON "customer_contacts" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "member_roles_role_idx" ON "member_roles" USING btree ("role_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_members_partner_account_uq" ON "org_members" USING btree ("partner_id","account_name");--> statement-breakpoint
CREATE INDEX "org_members_partner_name_idx" ON "org_members" USING btree ("partner_id","name");--> statement-breakpoint
CREATE INDEX "org_members_partner_status_idx" ON "org_members" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "org_members_supervisor_idx" ON "org_members" USING btree ("supervisor_id");--> statement-breakpoint
CREATE INDEX "org_members_partner_created_idx" ON "org_members" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_preset_uq" ON "roles" USING btree ("preset_key");--> statement-breakpoint
CREATE INDEX "roles_partner_idx" ON "roles" USING btree ("partner_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roles_partner_name_uq" ON "roles" USING btree ("partner_id",lower("name"));--> statement-breakpoint
CREATE INDEX "member_invitation_sends_partner_idx" ON "member_invitation_sends" USING btree ("partner_id","sent_at");--> statement-breakpoint
CREATE INDEX "member_binding_history_account_idx" ON "member_binding_history" USING btree ("account_id","bound_at");--> statement-breakpoint
CREATE INDEX "member_binding_history_partner_bound_idx" ON "member_binding_history" USING btree ("partner_id","bound_at");--> statement-breakpoint
CREATE INDEX "member_binding_history_partner_unbound_idx" ON "member_binding_history" USING btree ("partner_id","unbound_at");--> statement-breakpoint
CREATE INDEX "member_binding_history_invitation_idx" ON "member_binding_history" USING btree ("invitation_id","bound_at");--> statement-breakpoint
CREATE INDEX "member_certificates_account_idx" ON "member_certificates" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "member_certificates_status_idx" ON "member_certificates" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "member_invitations_partner_account_uq" ON "member_invitations" USING btree ("partner_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_invitations_token_uq" ON "member_invitations" USING btree ("token");--> statement-breakpoint
CREATE INDEX "member_invitations_partner_status_idx" ON "member_invitations" USING btree ("partner_id","status","invited_at");--> statement-breakpoint
CREATE INDEX "member_invitations_partner_invited_idx" ON "member_invitations" USING btree ("partner_id","invited_at");--> statement-breakpoint
CREATE INDEX "member_invitations_account_status_idx" ON "member_invitations" USING btree ("account_id","status");--> statement-breakpoint
CREATE INDEX "member_invitations_expiry_idx" ON "member_invitations" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "member_projects_account_idx" ON "member_projects" USING btree ("account_id","delivery_end");--> statement-breakpoint
CREATE INDEX "member_trainings_account_idx" ON "member_trainings" USING btree ("account_id","completed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "project_specialists_live_uq" ON "project_specialists" USING btree ("invitation_id") WHERE "project_specialists"."status" <> 'ended';--> statement-breakpoint
CREATE INDEX "project_specialists_partner_status_idx" ON "project_specialists" USING btree ("partner_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "project_specialists_partner_updated_idx" ON "project_specialists" USING btree ("partner_id","updated_at");--> statement-breakpoint
CREATE INDEX "project_specialists_account_idx" ON "project_specialists" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "companies_uscc_uq" ON "companies" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "partners_account_uq" ON "partners" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "partners_company_idx" ON "partners" USING btree ("company_id");