CREATE TABLE "hcpn_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"uscc" text,
	"business_info" jsonb,
	"contacts" jsonb,
	"sensitive_relation" text,
	"sensitive_relation_details" text,
	"agreements" jsonb,
	"auto_check_failures" jsonb,
	"review_id" uuid,
	"reject_reason" text,
	"partner_id" uuid,
	"company_id" uuid,
	"linked_existing_company" boolean DEFAULT false NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "path_certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"path" text NOT NULL,
	"target_stage" text NOT NULL,
	"status" text NOT NULL,
	"materials" jsonb NOT NULL,
	"review_id" uuid,
	"failure_reason" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "path_enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"path" text NOT NULL,
	"status" text NOT NULL,
	"stage" text DEFAULT 'role_selected' NOT NULL,
	"review_id" uuid,
	"reject_reason" text,
	"selected_at" timestamp with time zone NOT NULL,
	"joined_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "path_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"path" text NOT NULL,
	"invited_by_staff_id" uuid NOT NULL,
	"email" text,
	"created_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "enrolment_application_id" uuid;--> statement-breakpoint
ALTER TABLE "hcpn_applications" ADD CONSTRAINT "hcpn_applications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_certifications" ADD CONSTRAINT "path_certifications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_enrollments" ADD CONSTRAINT "path_enrollments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_invitations" ADD CONSTRAINT "path_invitations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hcpn_applications_account_uq" ON "hcpn_applications" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "hcpn_applications_uscc_idx" ON "hcpn_applications" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "hcpn_applications_status_idx" ON "hcpn_applications" USING btree ("status");--> statement-breakpoint
CREATE INDEX "path_certifications_partner_path_idx" ON "path_certifications" USING btree ("partner_id","path","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "path_certifications_open_uq" ON "path_certifications" USING btree ("partner_id","path","target_stage") WHERE status <> 'passed';--> statement-breakpoint
CREATE UNIQUE INDEX "path_enrollments_partner_path_uq" ON "path_enrollments" USING btree ("partner_id","path");--> statement-breakpoint
CREATE INDEX "path_enrollments_company_path_idx" ON "path_enrollments" USING btree ("company_id","path");--> statement-breakpoint
CREATE INDEX "path_invitations_partner_path_idx" ON "path_invitations" USING btree ("partner_id","path");