CREATE TABLE "cloud_bandwidth_samples" (
	"resource_id" uuid NOT NULL,
	"day" date NOT NULL,
	"samples" "bytea" NOT NULL,
	CONSTRAINT "cloud_bandwidth_samples_resource_id_day_pk" PRIMARY KEY("resource_id","day")
);
--> statement-breakpoint
CREATE TABLE "cloud_customer_discounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"discount_type" text NOT NULL,
	"name" text NOT NULL,
	"service_type_code" text,
	"rate" numeric(6, 4) NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_fee_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bill_month" date NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"partner_id" uuid,
	"association_type" text,
	"account_manager_id" uuid,
	"charging_mode" smallint NOT NULL,
	"bill_detail_type" smallint NOT NULL,
	"service_type_code" text NOT NULL,
	"resource_type_code" text NOT NULL,
	"region_code" text NOT NULL,
	"product_id" uuid NOT NULL,
	"resource_id" uuid,
	"order_id" uuid,
	"trade_id" text,
	"usage_record_id" bigint,
	"usage_type_code" text,
	"usage_amount" numeric(24, 6),
	"usage_measure_id" integer,
	"consume_time" timestamp with time zone NOT NULL,
	"official_amount" numeric(24, 6) NOT NULL,
	"discount_amount" numeric(24, 6) NOT NULL,
	"payment_amount" numeric(20, 2) NOT NULL,
	"cash_amount" numeric(20, 2) NOT NULL,
	"coupon_amount" numeric(20, 2) NOT NULL,
	"debt_amount" numeric(20, 2) NOT NULL,
	"rating_run_id" bigint,
	"posting_id" uuid
);
--> statement-breakpoint
CREATE TABLE "cloud_measure_units" (
	"id" integer PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"abbreviation" text NOT NULL,
	"measure_type" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"action" text NOT NULL,
	"actor_kind" text,
	"actor_id" uuid,
	"reason" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"line_no" text NOT NULL,
	"product_id" uuid NOT NULL,
	"resource_id" uuid,
	"to_product_id" uuid,
	"region_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"size" integer,
	"period_type" text,
	"period_num" integer,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"resource_name" text,
	"official_amount" numeric(20, 2) NOT NULL,
	"discount_amount" numeric(20, 2) NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"effective_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cloud_order_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payer_kind" text NOT NULL,
	"payer_id" uuid,
	"method" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"lines" jsonb NOT NULL,
	"posting_id" uuid,
	"request_id" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_no" text NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"partner_id" uuid,
	"association_type" text,
	"order_type" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"service_type_code" text NOT NULL,
	"official_amount" numeric(20, 2) NOT NULL,
	"discount_amount" numeric(20, 2) NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"paid_amount" numeric(20, 2),
	"coupon_amount" numeric(20, 2) DEFAULT '0' NOT NULL,
	"payment_method" text,
	"payer_kind" text,
	"payer_id" uuid,
	"partner_pay_requested" boolean DEFAULT false NOT NULL,
	"reject_reason" text,
	"review_id" uuid,
	"pay_deadline" timestamp with time zone,
	"cancel_reason" text,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_peak95_bills" (
	"resource_id" uuid NOT NULL,
	"bill_month" date NOT NULL,
	"usage_type_code" text NOT NULL,
	"sample_count" integer NOT NULL,
	"dropped" integer NOT NULL,
	"peak_kbps" integer NOT NULL,
	"days_used" integer NOT NULL,
	"days_in_month" integer NOT NULL,
	"rating_run_id" bigint NOT NULL,
	CONSTRAINT "cloud_peak95_bills_resource_id_bill_month_usage_type_code_pk" PRIMARY KEY("resource_id","bill_month","usage_type_code")
);
--> statement-breakpoint
CREATE TABLE "cloud_price_tiers" (
	"price_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"lower" numeric(24, 6) NOT NULL,
	"upper" numeric(24, 6),
	"unit_price" numeric(20, 8) NOT NULL,
	CONSTRAINT "cloud_price_tiers_price_id_seq_pk" PRIMARY KEY("price_id","seq")
);
--> statement-breakpoint
CREATE TABLE "cloud_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"charge_mode" text NOT NULL,
	"period_type" text,
	"usage_type_code" text,
	"model" text NOT NULL,
	"measure_id" integer,
	"unit_price" numeric(20, 8),
	CONSTRAINT "cloud_prices_product_mode_uq" UNIQUE NULLS NOT DISTINCT("product_id","charge_mode","period_type","usage_type_code")
);
--> statement-breakpoint
CREATE TABLE "cloud_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"service_type_code" text NOT NULL,
	"resource_type_code" text NOT NULL,
	"resource_spec" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"spec_desc_zh" text NOT NULL,
	"regions" text[] NOT NULL,
	"linear" boolean DEFAULT false NOT NULL,
	"size_measure_id" integer,
	"size_min" integer,
	"size_max" integer,
	"review_required" boolean DEFAULT false NOT NULL,
	"on_sale" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_rating_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"from_usage_id" bigint,
	"to_usage_id" bigint,
	"bill_month" date,
	"records" integer NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"posting_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_rating_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_usage_id" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_resource_segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"base_segment_id" uuid,
	"period_type" text NOT NULL,
	"period_num" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"refund_amount" numeric(20, 2)
);
--> statement-breakpoint
CREATE TABLE "cloud_resource_types" (
	"code" text PRIMARY KEY NOT NULL,
	"service_type_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text
);
--> statement-breakpoint
CREATE TABLE "cloud_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"service_type_code" text NOT NULL,
	"resource_type_code" text NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"charge_mode" text NOT NULL,
	"size" integer,
	"size_measure_id" integer,
	"status" text NOT NULL,
	"parent_resource_id" uuid,
	"effective_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"retain_until" timestamp with time zone,
	"auto_renew" boolean DEFAULT false NOT NULL,
	"auto_renew_period_type" text,
	"auto_renew_period_num" integer,
	"auto_renew_times_left" integer,
	"last_order_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_service_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"abbreviation" text NOT NULL,
	"peak95" boolean DEFAULT false NOT NULL,
	"product_url" text,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_unit_conversions" (
	"measure_id" integer NOT NULL,
	"ref_measure_id" integer NOT NULL,
	"ratio" numeric(30, 10) NOT NULL,
	"measure_type" integer NOT NULL,
	CONSTRAINT "cloud_unit_conversions_measure_id_ref_measure_id_pk" PRIMARY KEY("measure_id","ref_measure_id")
);
--> statement-breakpoint
CREATE TABLE "cloud_usage_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resource_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"usage_type_code" text NOT NULL,
	"price_id" uuid NOT NULL,
	"hour_start" timestamp with time zone NOT NULL,
	"bill_month" date NOT NULL,
	"usage_value" numeric(24, 6) NOT NULL,
	"measure_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_usage_totals" (
	"customer_account_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"usage_type_code" text NOT NULL,
	"bill_month" date NOT NULL,
	"total" numeric(24, 6) NOT NULL,
	CONSTRAINT "cloud_usage_totals_customer_account_id_product_id_usage_type_code_bill_month_pk" PRIMARY KEY("customer_account_id","product_id","usage_type_code","bill_month")
);
--> statement-breakpoint
CREATE TABLE "cloud_usage_types" (
	"resource_type_code" text NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"measure_id" integer NOT NULL,
	"peak95" boolean DEFAULT false NOT NULL,
	CONSTRAINT "cloud_usage_types_resource_type_code_code_pk" PRIMARY KEY("resource_type_code","code")
);
--> statement-breakpoint
CREATE TABLE "agency_agreement_acceptances" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"accepted_by_kind" text NOT NULL,
	"accepted_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "budget_alert_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"threshold" integer NOT NULL,
	"budget" numeric(24, 2) NOT NULL,
	"used" numeric(24, 2) NOT NULL,
	"alerted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "budget_reminder_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"mobile" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial_no" text NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"scenario" text NOT NULL,
	"amount" numeric(24, 2) NOT NULL,
	"remark" text,
	"posting_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"scenario_name" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"content" text,
	"account_manager_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"raised_by_staff_id" uuid,
	"handling" jsonb,
	"handled_at" timestamp with time zone,
	"handled_by_kind" text,
	"handled_by_id" uuid,
	"handled_by_name" text
);
--> statement-breakpoint
CREATE TABLE "customer_authorizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"status" text NOT NULL,
	"scopes" text[] NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by_kind" text NOT NULL,
	"requested_by_id" uuid,
	"requested_by_name" text,
	"decided_at" timestamp with time zone,
	"letter_version" text,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "customer_manager_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"counts_from" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"source" text DEFAULT 'assigned' NOT NULL,
	"assigned_by_kind" text NOT NULL,
	"assigned_by_id" uuid,
	"ended_by_kind" text,
	"ended_by_id" uuid,
	"current" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "association_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"association_id" uuid NOT NULL,
	"type" text NOT NULL,
	"initiator" text NOT NULL,
	"reason" text,
	"status" text NOT NULL,
	"from_type" text NOT NULL,
	"to_type" text,
	"account_manager_id" uuid,
	"review_id" uuid,
	"pre_review_reasons" text,
	"pre_reviewer_name" text,
	"pre_reviewer_email" text,
	"reject_reason" text,
	"applied_by_name" text,
	"applied_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_name" text
);
--> statement-breakpoint
CREATE TABLE "customer_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"token" text NOT NULL,
	"association_type" text NOT NULL,
	"custom_type" text,
	"tag" text,
	"account_manager_id" uuid,
	"activity_id" uuid,
	"remark" text,
	"report_id" uuid,
	"email" text,
	"creator_key" text NOT NULL,
	"creator_name" text,
	"status" text DEFAULT 'active' NOT NULL,
	"expires_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_notice_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"notice_key" text NOT NULL,
	"version" text NOT NULL,
	"association_type" text NOT NULL,
	"partner_id" uuid,
	"context" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"mobile" text NOT NULL,
	"email" text,
	"send_invite" boolean DEFAULT false NOT NULL,
	"association_type" text,
	"status" text NOT NULL,
	"invalid_reason" text,
	"manual_reasons" jsonb,
	"manual_info" jsonb,
	"review_id" uuid,
	"review_due_at" timestamp with time zone,
	"real_name_snapshot" text NOT NULL,
	"reported_by_kind" text NOT NULL,
	"reported_by_id" uuid,
	"reported_by_member_id" uuid,
	"reported_by_name" text,
	"reported_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"associated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "encyclopedia_companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"uscc" text NOT NULL,
	"summary" jsonb NOT NULL,
	"details" jsonb NOT NULL,
	"activity_stars" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expansion_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"invitation_id" uuid NOT NULL,
	"report_id" uuid,
	"customer_account_id" uuid,
	"channel" text NOT NULL,
	"full_name" text,
	"email" text,
	"association_type" text NOT NULL,
	"tag" text,
	"remark" text,
	"account_manager_id" uuid,
	"status" text NOT NULL,
	"failure_code" text,
	"failure_reason" text,
	"failure_hint" text,
	"expires_at" timestamp with time zone,
	"invited_at" timestamp with time zone NOT NULL,
	"associated_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "business_certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"company_name" text,
	"company_step" jsonb,
	"bank_step" jsonb,
	"survey_step" jsonb,
	"bank_letter_file_id" uuid,
	"bank_letter_required" boolean DEFAULT false NOT NULL,
	"manual_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"verification_amount" numeric(4, 2),
	"verification_round" integer DEFAULT 0 NOT NULL,
	"verification_failures" integer DEFAULT 0 NOT NULL,
	"verification_sent_at" timestamp with time zone,
	"amount_verified_at" timestamp with time zone,
	"locked_at" timestamp with time zone,
	"unlocked_at" timestamp with time zone,
	"unlock_work_order" text,
	"review_id" uuid,
	"failure_reason" text,
	"submitted_at" timestamp with time zone,
	"certified_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_store_revenue_agreements" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "company_info_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"submitted_by_name" text,
	"status" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"auto_check_failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_id" uuid,
	"reject_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "company_profiles" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"info" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_name" text NOT NULL,
	"ioi" boolean DEFAULT false NOT NULL,
	"bank_account" text NOT NULL,
	"currency" text NOT NULL,
	"contracting_entity" text NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "path_annual_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"path" text NOT NULL,
	"stage" text NOT NULL,
	"year" integer NOT NULL,
	"status" text NOT NULL,
	"apply_deadline" timestamp with time zone NOT NULL,
	"modification_deadline" timestamp with time zone NOT NULL,
	"results_by" timestamp with time zone NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_id" uuid,
	"modification_opinion" text,
	"modification_requested_at" timestamp with time zone,
	"result_opinion" text,
	"rolled_back_to" text,
	"started_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_distributor_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"passed" boolean NOT NULL,
	"results" jsonb NOT NULL,
	"status" text NOT NULL,
	"handling" text,
	"material_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"review_id" uuid,
	"reject_reason" text,
	"published_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_level_upgrades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"from_level" text NOT NULL,
	"target_level" text NOT NULL,
	"status" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"review_id" uuid,
	"reject_reason" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"program" text NOT NULL,
	"level" text,
	"status" text NOT NULL,
	"business_info" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agreements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"due_diligence" jsonb,
	"review_id" uuid,
	"reject_reason" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"program" text NOT NULL,
	"invited_by_staff_id" uuid NOT NULL,
	"email" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "program_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"company_id" uuid NOT NULL,
	"program" text NOT NULL,
	"level" text,
	"status" text NOT NULL,
	"business_region" text,
	"assessment_flag" text,
	"application_id" uuid,
	"joined_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"certificate_no" text,
	"certificate_file_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_scorecards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"program" text NOT NULL,
	"year" integer NOT NULL,
	"distributor_type" text,
	"annual_performance" text DEFAULT '0' NOT NULL,
	"effective_users" integer,
	"requirements" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data_date" date NOT NULL,
	"updated_by_staff_id" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_quick_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"token_hash" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"new_account_id" uuid,
	"new_partner_id" uuid
);
--> statement-breakpoint
CREATE TABLE "program_relation_declarations" (
	"company_id" uuid PRIMARY KEY NOT NULL,
	"partner_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"details" text,
	"declared_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_reseller_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"distributor_partner_id" uuid NOT NULL,
	"reseller_partner_id" uuid NOT NULL,
	"email" text NOT NULL,
	"account_manager_name" text,
	"status" text NOT NULL,
	"failed_reason" text,
	"sent_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_reseller_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reseller_partner_id" uuid NOT NULL,
	"distributor_partner_id" uuid NOT NULL,
	"business_region" text NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"application_id" uuid,
	"invitation_id" uuid,
	"reject_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"linked_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_reseller_performance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"distributor_partner_id" uuid NOT NULL,
	"reseller_partner_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"annual_performance" text NOT NULL,
	"paying_customers" integer NOT NULL,
	"data_date" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_signed_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_id" uuid NOT NULL,
	"program" text NOT NULL,
	"agreement_key" text NOT NULL,
	"version" text NOT NULL,
	"application_id" uuid,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
DROP INDEX "customer_associations_partner_idx";--> statement-breakpoint
ALTER TABLE "customer_associations" ADD COLUMN "report_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_associations" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_associations" ADD COLUMN "custom_tag" text;--> statement-breakpoint
ALTER TABLE "customer_associations" ADD COLUMN "notice_version" text;--> statement-breakpoint
ALTER TABLE "cloud_customer_discounts" ADD CONSTRAINT "cloud_customer_discounts_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_order_events" ADD CONSTRAINT "cloud_order_events_order_id_cloud_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."cloud_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_order_lines" ADD CONSTRAINT "cloud_order_lines_order_id_cloud_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."cloud_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_order_lines" ADD CONSTRAINT "cloud_order_lines_product_id_cloud_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."cloud_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_order_payments" ADD CONSTRAINT "cloud_order_payments_order_id_cloud_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."cloud_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_orders" ADD CONSTRAINT "cloud_orders_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_price_tiers" ADD CONSTRAINT "cloud_price_tiers_price_id_cloud_prices_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."cloud_prices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_prices" ADD CONSTRAINT "cloud_prices_product_id_cloud_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."cloud_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_products" ADD CONSTRAINT "cloud_products_service_type_code_cloud_service_types_code_fk" FOREIGN KEY ("service_type_code") REFERENCES "public"."cloud_service_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_products" ADD CONSTRAINT "cloud_products_resource_type_code_cloud_resource_types_code_fk" FOREIGN KEY ("resource_type_code") REFERENCES "public"."cloud_resource_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_resource_segments" ADD CONSTRAINT "cloud_resource_segments_resource_id_cloud_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."cloud_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_resource_segments" ADD CONSTRAINT "cloud_resource_segments_order_id_cloud_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."cloud_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_resource_segments" ADD CONSTRAINT "cloud_resource_segments_payment_id_cloud_order_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."cloud_order_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_resource_types" ADD CONSTRAINT "cloud_resource_types_service_type_code_cloud_service_types_code_fk" FOREIGN KEY ("service_type_code") REFERENCES "public"."cloud_service_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_resources" ADD CONSTRAINT "cloud_resources_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_resources" ADD CONSTRAINT "cloud_resources_product_id_cloud_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."cloud_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_usage_types" ADD CONSTRAINT "cloud_usage_types_resource_type_code_cloud_resource_types_code_fk" FOREIGN KEY ("resource_type_code") REFERENCES "public"."cloud_resource_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_agreement_acceptances" ADD CONSTRAINT "agency_agreement_acceptances_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_reminder_recipients" ADD CONSTRAINT "budget_reminder_recipients_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_adjustments" ADD CONSTRAINT "customer_adjustments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_adjustments" ADD CONSTRAINT "customer_adjustments_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_alerts" ADD CONSTRAINT "customer_alerts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_alerts" ADD CONSTRAINT "customer_alerts_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_authorizations" ADD CONSTRAINT "customer_authorizations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_authorizations" ADD CONSTRAINT "customer_authorizations_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_manager_assignments" ADD CONSTRAINT "customer_manager_assignments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_manager_assignments" ADD CONSTRAINT "customer_manager_assignments_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_events" ADD CONSTRAINT "association_events_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_events" ADD CONSTRAINT "association_events_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "association_events" ADD CONSTRAINT "association_events_association_id_customer_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."customer_associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_invitations" ADD CONSTRAINT "customer_invitations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_notice_signatures" ADD CONSTRAINT "customer_notice_signatures_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_reports" ADD CONSTRAINT "customer_reports_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_reports" ADD CONSTRAINT "customer_reports_customer_account_id_accounts_id_fk" FOREIGN KEY ("customer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expansion_records" ADD CONSTRAINT "expansion_records_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_certifications" ADD CONSTRAINT "business_certifications_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_certifications" ADD CONSTRAINT "business_certifications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cloud_store_revenue_agreements" ADD CONSTRAINT "cloud_store_revenue_agreements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_info_changes" ADD CONSTRAINT "company_info_changes_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_info_changes" ADD CONSTRAINT "company_info_changes_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "company_profiles" ADD CONSTRAINT "company_profiles_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "path_annual_reviews" ADD CONSTRAINT "path_annual_reviews_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_distributor_assessments" ADD CONSTRAINT "program_distributor_assessments_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_level_upgrades" ADD CONSTRAINT "program_level_upgrades_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_level_upgrades" ADD CONSTRAINT "program_level_upgrades_membership_id_program_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."program_memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_applications" ADD CONSTRAINT "program_applications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_invitations" ADD CONSTRAINT "program_invitations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_memberships" ADD CONSTRAINT "program_memberships_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_scorecards" ADD CONSTRAINT "program_scorecards_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_quick_registrations" ADD CONSTRAINT "program_quick_registrations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_relation_declarations" ADD CONSTRAINT "program_relation_declarations_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reseller_invitations" ADD CONSTRAINT "program_reseller_invitations_distributor_partner_id_partners_id_fk" FOREIGN KEY ("distributor_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reseller_invitations" ADD CONSTRAINT "program_reseller_invitations_reseller_partner_id_partners_id_fk" FOREIGN KEY ("reseller_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reseller_links" ADD CONSTRAINT "program_reseller_links_reseller_partner_id_partners_id_fk" FOREIGN KEY ("reseller_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reseller_links" ADD CONSTRAINT "program_reseller_links_distributor_partner_id_partners_id_fk" FOREIGN KEY ("distributor_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reseller_performance" ADD CONSTRAINT "program_reseller_performance_distributor_partner_id_partners_id_fk" FOREIGN KEY ("distributor_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_reseller_performance" ADD CONSTRAINT "program_reseller_performance_reseller_partner_id_partners_id_fk" FOREIGN KEY ("reseller_partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_signed_agreements" ADD CONSTRAINT "program_signed_agreements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cloud_customer_discounts_customer_idx" ON "cloud_customer_discounts" USING btree ("customer_account_id");--> statement-breakpoint
CREATE INDEX "cloud_fee_records_customer_idx" ON "cloud_fee_records" USING btree ("customer_account_id","bill_month","product_id");--> statement-breakpoint
CREATE INDEX "cloud_fee_records_partner_idx" ON "cloud_fee_records" USING btree ("partner_id","bill_month","consume_time");--> statement-breakpoint
CREATE INDEX "cloud_order_events_order_idx" ON "cloud_order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "cloud_order_lines_order_idx" ON "cloud_order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "cloud_order_lines_resource_idx" ON "cloud_order_lines" USING btree ("resource_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_order_lines_no_uq" ON "cloud_order_lines" USING btree ("line_no");--> statement-breakpoint
CREATE INDEX "cloud_order_payments_order_idx" ON "cloud_order_payments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_order_payments_one_uq" ON "cloud_order_payments" USING btree ("order_id") WHERE kind = 'payment';--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_orders_no_uq" ON "cloud_orders" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "cloud_orders_customer_at_idx" ON "cloud_orders" USING btree ("customer_account_id","created_at");--> statement-breakpoint
CREATE INDEX "cloud_orders_partner_at_idx" ON "cloud_orders" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "cloud_orders_unpaid_idx" ON "cloud_orders" USING btree ("pay_deadline") WHERE status = '待支付';--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_products_code_uq" ON "cloud_products" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_products_locator_uq" ON "cloud_products" USING btree ("service_type_code","resource_type_code","resource_spec");--> statement-breakpoint
CREATE INDEX "cloud_resource_segments_resource_idx" ON "cloud_resource_segments" USING btree ("resource_id","start_at");--> statement-breakpoint
CREATE INDEX "cloud_resource_types_service_idx" ON "cloud_resource_types" USING btree ("service_type_code");--> statement-breakpoint
CREATE INDEX "cloud_resources_customer_idx" ON "cloud_resources" USING btree ("customer_account_id","charge_mode","created_at");--> statement-breakpoint
CREATE INDEX "cloud_resources_expiry_idx" ON "cloud_resources" USING btree ("expires_at") WHERE charge_mode = 'period';--> statement-breakpoint
CREATE INDEX "cloud_resources_parent_idx" ON "cloud_resources" USING btree ("parent_resource_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_usage_records_hour_uq" ON "cloud_usage_records" USING btree ("resource_id","usage_type_code","hour_start");--> statement-breakpoint
CREATE UNIQUE INDEX "budget_alert_marks_uq" ON "budget_alert_marks" USING btree ("association_id","threshold","budget");--> statement-breakpoint
CREATE INDEX "budget_alert_marks_partner_idx" ON "budget_alert_marks" USING btree ("partner_id","alerted_at");--> statement-breakpoint
CREATE INDEX "budget_recipients_partner_idx" ON "budget_reminder_recipients" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_adjustments_serial_uq" ON "customer_adjustments" USING btree ("serial_no");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_adjustments_posting_line_uq" ON "customer_adjustments" USING btree ("posting_id","customer_account_id","scenario");--> statement-breakpoint
CREATE INDEX "customer_adjustments_partner_at_idx" ON "customer_adjustments" USING btree ("partner_id","created_at","id");--> statement-breakpoint
CREATE INDEX "customer_adjustments_customer_at_idx" ON "customer_adjustments" USING btree ("customer_account_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_adjustments_association_idx" ON "customer_adjustments" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "customer_alerts_partner_sent_idx" ON "customer_alerts" USING btree ("partner_id","sent_at","id");--> statement-breakpoint
CREATE INDEX "customer_alerts_partner_status_idx" ON "customer_alerts" USING btree ("partner_id","status");--> statement-breakpoint
CREATE INDEX "customer_alerts_customer_idx" ON "customer_alerts" USING btree ("customer_account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_authorizations_open_uq" ON "customer_authorizations" USING btree ("partner_id","customer_account_id") WHERE status in ('pending', 'granted');--> statement-breakpoint
CREATE INDEX "customer_authorizations_partner_idx" ON "customer_authorizations" USING btree ("partner_id","requested_at");--> statement-breakpoint
CREATE INDEX "customer_authorizations_customer_idx" ON "customer_authorizations" USING btree ("customer_account_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_manager_assignments_current_uq" ON "customer_manager_assignments" USING btree ("association_id") WHERE current;--> statement-breakpoint
CREATE INDEX "customer_manager_assignments_partner_member_idx" ON "customer_manager_assignments" USING btree ("partner_id","member_id","current");--> statement-breakpoint
CREATE INDEX "customer_manager_assignments_customer_idx" ON "customer_manager_assignments" USING btree ("customer_account_id","assigned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "association_events_open_uq" ON "association_events" USING btree ("association_id") WHERE status in ('pre_review', 'pending');--> statement-breakpoint
CREATE INDEX "association_events_partner_idx" ON "association_events" USING btree ("partner_id","applied_at");--> statement-breakpoint
CREATE INDEX "association_events_customer_idx" ON "association_events" USING btree ("customer_account_id","type","applied_at");--> statement-breakpoint
CREATE INDEX "customer_activities_period_idx" ON "customer_activities" USING btree ("ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_invitations_token_uq" ON "customer_invitations" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_invitations_generic_uq" ON "customer_invitations" USING btree ("partner_id","creator_key","association_type") WHERE kind = 'generic';--> statement-breakpoint
CREATE INDEX "customer_invitations_partner_idx" ON "customer_invitations" USING btree ("partner_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "customer_invitations_report_idx" ON "customer_invitations" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "customer_notice_signatures_customer_idx" ON "customer_notice_signatures" USING btree ("customer_account_id","signed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_reports_live_uq" ON "customer_reports" USING btree ("customer_account_id") WHERE status in ('pending_review', 'reported');--> statement-breakpoint
CREATE INDEX "customer_reports_partner_idx" ON "customer_reports" USING btree ("partner_id","status","created_at");--> statement-breakpoint
CREATE INDEX "customer_reports_expiry_idx" ON "customer_reports" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "encyclopedia_companies_name_uq" ON "encyclopedia_companies" USING btree ("name");--> statement-breakpoint
CREATE INDEX "encyclopedia_companies_uscc_idx" ON "encyclopedia_companies" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "expansion_records_partner_idx" ON "expansion_records" USING btree ("partner_id","invited_at");--> statement-breakpoint
CREATE INDEX "expansion_records_invitation_idx" ON "expansion_records" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "expansion_records_status_idx" ON "expansion_records" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "business_certs_company_idx" ON "business_certifications" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE INDEX "business_certs_status_idx" ON "business_certifications" USING btree ("status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "business_certs_open_uq" ON "business_certifications" USING btree ("company_id") WHERE status <> 'certified';--> statement-breakpoint
CREATE INDEX "company_info_changes_company_idx" ON "company_info_changes" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "company_info_changes_open_uq" ON "company_info_changes" USING btree ("company_id") WHERE status = 'in_review';--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_records_name_uq" ON "supplier_records" USING btree ("company_name");--> statement-breakpoint
CREATE UNIQUE INDEX "path_annual_reviews_partner_path_year_uq" ON "path_annual_reviews" USING btree ("partner_id","path","year");--> statement-breakpoint
CREATE INDEX "path_annual_reviews_partner_idx" ON "path_annual_reviews" USING btree ("partner_id","path","created_at");--> statement-breakpoint
CREATE INDEX "path_annual_reviews_year_status_idx" ON "path_annual_reviews" USING btree ("year","status","created_at");--> statement-breakpoint
CREATE INDEX "path_annual_reviews_open_idx" ON "path_annual_reviews" USING btree ("status","apply_deadline") WHERE status IN ('started', 'modification_requested');--> statement-breakpoint
CREATE UNIQUE INDEX "program_distributor_assessments_uq" ON "program_distributor_assessments" USING btree ("partner_id","year");--> statement-breakpoint
CREATE INDEX "program_level_upgrades_partner_idx" ON "program_level_upgrades" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_level_upgrades_open_uq" ON "program_level_upgrades" USING btree ("membership_id") WHERE "program_level_upgrades"."status" <> 'approved';--> statement-breakpoint
CREATE INDEX "program_applications_partner_idx" ON "program_applications" USING btree ("partner_id","created_at");--> statement-breakpoint
CREATE INDEX "program_applications_company_program_idx" ON "program_applications" USING btree ("company_id","program","status");--> statement-breakpoint
CREATE UNIQUE INDEX "program_applications_open_uq" ON "program_applications" USING btree ("partner_id","program") WHERE "program_applications"."status" IN ('draft', 'in_review', 'rejected');--> statement-breakpoint
CREATE INDEX "program_invitations_partner_idx" ON "program_invitations" USING btree ("partner_id","program","status");--> statement-breakpoint
CREATE INDEX "program_invitations_created_idx" ON "program_invitations" USING btree ("program","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_memberships_live_uq" ON "program_memberships" USING btree ("partner_id","program") WHERE "program_memberships"."status" <> 'ended';--> statement-breakpoint
CREATE INDEX "program_memberships_company_idx" ON "program_memberships" USING btree ("company_id","program","status");--> statement-breakpoint
CREATE INDEX "program_memberships_program_idx" ON "program_memberships" USING btree ("program","status","joined_at");--> statement-breakpoint
CREATE INDEX "program_memberships_expiry_idx" ON "program_memberships" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_scorecards_uq" ON "program_scorecards" USING btree ("partner_id","program","year");--> statement-breakpoint
CREATE UNIQUE INDEX "program_quick_registrations_token_uq" ON "program_quick_registrations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "program_quick_registrations_partner_idx" ON "program_quick_registrations" USING btree ("partner_id","verified_at");--> statement-breakpoint
CREATE INDEX "program_reseller_invitations_distributor_idx" ON "program_reseller_invitations" USING btree ("distributor_partner_id","created_at");--> statement-breakpoint
CREATE INDEX "program_reseller_invitations_reseller_idx" ON "program_reseller_invitations" USING btree ("reseller_partner_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "program_reseller_links_live_uq" ON "program_reseller_links" USING btree ("reseller_partner_id") WHERE "program_reseller_links"."status" IN ('pending', 'active', 'exiting');--> statement-breakpoint
CREATE INDEX "program_reseller_links_distributor_idx" ON "program_reseller_links" USING btree ("distributor_partner_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_reseller_performance_uq" ON "program_reseller_performance" USING btree ("distributor_partner_id","reseller_partner_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "program_signed_agreements_uq" ON "program_signed_agreements" USING btree ("partner_id","agreement_key","version");--> statement-breakpoint
CREATE INDEX "program_signed_agreements_partner_idx" ON "program_signed_agreements" USING btree ("partner_id","signed_at");--> statement-breakpoint
CREATE INDEX "customer_associations_partner_am_idx" ON "customer_associations" USING btree ("partner_id","status","account_manager_id","associated_at","id");--> statement-breakpoint
CREATE INDEX "customer_associations_partner_type_am_idx" ON "customer_associations" USING btree ("partner_id","status","association_type","account_manager_id","associated_at","id");--> statement-breakpoint
CREATE INDEX "customer_associations_customer_idx" ON "customer_associations" USING btree ("customer_account_id","associated_at");--> statement-breakpoint
CREATE INDEX "partners_joined_idx" ON "partners" USING btree ("joined_at");--> statement-breakpoint
CREATE INDEX "partners_paths_gin" ON "partners" USING gin ("paths");--> statement-breakpoint
CREATE INDEX "partners_programs_gin" ON "partners" USING gin ("programs");--> statement-breakpoint
CREATE INDEX "customer_associations_partner_idx" ON "customer_associations" USING btree ("partner_id","status","associated_at","id");