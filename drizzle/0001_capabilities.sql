CREATE TABLE "capability_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"level1_label" text NOT NULL,
	"level2_results" jsonb NOT NULL,
	"product_name" text,
	"form_file_id" uuid NOT NULL,
	"evidence_file_id" uuid NOT NULL,
	"status" text NOT NULL,
	"review_id" uuid,
	"review_comment" text,
	"applied_at" timestamp with time zone NOT NULL,
	"returned_at" timestamp with time zone,
	"update_deadline" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"passed_at" timestamp with time zone,
	"valid_from" timestamp with time zone,
	"valid_to" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capability_downloads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"level1_label" text NOT NULL,
	"what" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"downloaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capability_suspensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"level1_label" text NOT NULL,
	"cause" text NOT NULL,
	"application_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_solutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"baseline_solution_id" uuid,
	"name" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"industry" text DEFAULT '' NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"review_state" text NOT NULL,
	"review_id" uuid,
	"reject_reason" text,
	"pending_change" jsonb,
	"certified_at" timestamp with time zone,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"certificate_file_id" uuid,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "capability_applications" ADD CONSTRAINT "capability_applications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capability_downloads" ADD CONSTRAINT "capability_downloads_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capability_downloads" ADD CONSTRAINT "capability_downloads_application_id_capability_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."capability_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capability_suspensions" ADD CONSTRAINT "capability_suspensions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capability_suspensions" ADD CONSTRAINT "capability_suspensions_application_id_capability_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."capability_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_solutions" ADD CONSTRAINT "cloud_solutions_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capability_apps_partner_applied_idx" ON "capability_applications" USING btree ("partner_id","applied_at");--> statement-breakpoint
CREATE INDEX "capability_apps_partner_label_idx" ON "capability_applications" USING btree ("partner_id","level1_label","status");--> statement-breakpoint
CREATE INDEX "capability_apps_partner_valid_idx" ON "capability_applications" USING btree ("partner_id","status","valid_to");--> statement-breakpoint
CREATE INDEX "capability_apps_update_deadline_idx" ON "capability_applications" USING btree ("status","update_deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "capability_apps_open_label_uq" ON "capability_applications" USING btree ("partner_id","level1_label") WHERE "capability_applications"."status" in ('reviewing', 'materials_update');--> statement-breakpoint
CREATE INDEX "capability_downloads_partner_at_idx" ON "capability_downloads" USING btree ("partner_id","downloaded_at");--> statement-breakpoint
CREATE INDEX "capability_suspensions_partner_label_idx" ON "capability_suspensions" USING btree ("partner_id","level1_label","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "capability_suspensions_application_uq" ON "capability_suspensions" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "cloud_solutions_partner_kind_idx" ON "cloud_solutions" USING btree ("partner_id","kind","updated_at");--> statement-breakpoint
CREATE INDEX "cloud_solutions_review_state_idx" ON "cloud_solutions" USING btree ("partner_id","kind","review_state");--> statement-breakpoint
CREATE INDEX "cloud_solutions_certified_idx" ON "cloud_solutions" USING btree ("partner_id","kind","valid_until") WHERE "cloud_solutions"."valid_until" IS NOT NULL;