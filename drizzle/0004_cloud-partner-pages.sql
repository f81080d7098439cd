CREATE TABLE "cloud_consumption_customer_month" (
	"partner_id" uuid NOT NULL,
	"bill_month" date NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"consumption" numeric(20, 2) NOT NULL,
	"refunds" numeric(20, 2) NOT NULL,
	CONSTRAINT "cloud_consumption_customer_month_partner_id_bill_month_customer_account_id_pk" PRIMARY KEY("partner_id","bill_month","customer_account_id")
);
--> statement-breakpoint
CREATE TABLE "cloud_consumption_monthly" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bill_month" date NOT NULL,
	"partner_id" uuid NOT NULL,
	"kind" smallint NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"service_type_code" text NOT NULL,
	"charging_mode" smallint NOT NULL,
	"association_type" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"cash_amount" numeric(20, 2) NOT NULL,
	"coupon_amount" numeric(20, 2) NOT NULL,
	"debt_amount" numeric(20, 2) NOT NULL,
	"discount_amount" numeric(24, 6) NOT NULL,
	"official_amount" numeric(24, 6) NOT NULL,
	"fees" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_consumption_monthly_am" (
	"id" bigserial NOT NULL,
	"bill_month" date NOT NULL,
	"partner_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"kind" smallint NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"service_type_code" text NOT NULL,
	"charging_mode" smallint NOT NULL,
	"association_type" text NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"cash_amount" numeric(20, 2) NOT NULL,
	"coupon_amount" numeric(20, 2) NOT NULL,
	"debt_amount" numeric(20, 2) NOT NULL,
	"discount_amount" numeric(24, 6) NOT NULL,
	"official_amount" numeric(24, 6) NOT NULL,
	"fees" integer NOT NULL,
	CONSTRAINT "cloud_consumption_monthly_am_partner_id_bill_month_manager_id_kind_customer_account_id_service_type_code_charging_mode_association_type_pk" PRIMARY KEY("partner_id","bill_month","manager_id","kind","customer_account_id","service_type_code","charging_mode","association_type")
);
--> statement-breakpoint
CREATE TABLE "cloud_consumption_open" (
	"day" date NOT NULL,
	"bill_month" date NOT NULL,
	"partner_id" uuid NOT NULL,
	"customer_account_id" uuid NOT NULL,
	"service_type_code" text NOT NULL,
	"charging_mode" smallint NOT NULL,
	"association_type" text NOT NULL,
	"manager_id" uuid,
	"kind" smallint NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"cash_amount" numeric(20, 2) NOT NULL,
	"coupon_amount" numeric(20, 2) NOT NULL,
	"debt_amount" numeric(20, 2) NOT NULL,
	"discount_amount" numeric(24, 6) NOT NULL,
	"official_amount" numeric(24, 6) NOT NULL,
	"fees" integer NOT NULL,
	CONSTRAINT "cloud_consumption_open_key" UNIQUE NULLS NOT DISTINCT("day","partner_id","customer_account_id","service_type_code","charging_mode","association_type","manager_id","kind")
);
--> statement-breakpoint
CREATE TABLE "cloud_consumption_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"fee_cursor" bigint NOT NULL,
	"closed_through" date NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cloud_consumption_stats" (
	"bill_month" date NOT NULL,
	"partner_id" uuid NOT NULL,
	"association_type" text NOT NULL,
	"kind" smallint NOT NULL,
	"service_type_code" text NOT NULL,
	"row_count" integer NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"cash_amount" numeric(20, 2) NOT NULL,
	"coupon_amount" numeric(20, 2) NOT NULL,
	"debt_amount" numeric(20, 2) NOT NULL,
	"discount_amount" numeric(24, 6) NOT NULL,
	"official_amount" numeric(24, 6) NOT NULL,
	"fees" integer NOT NULL,
	CONSTRAINT "cloud_consumption_stats_partner_id_bill_month_association_type_kind_service_type_code_pk" PRIMARY KEY("partner_id","bill_month","association_type","kind","service_type_code")
);
--> statement-breakpoint
CREATE TABLE "cloud_consumption_stats_am" (
	"bill_month" date NOT NULL,
	"partner_id" uuid NOT NULL,
	"manager_id" uuid NOT NULL,
	"association_type" text NOT NULL,
	"kind" smallint NOT NULL,
	"service_type_code" text NOT NULL,
	"row_count" integer NOT NULL,
	"amount" numeric(20, 2) NOT NULL,
	"cash_amount" numeric(20, 2) NOT NULL,
	"coupon_amount" numeric(20, 2) NOT NULL,
	"debt_amount" numeric(20, 2) NOT NULL,
	"discount_amount" numeric(24, 6) NOT NULL,
	"official_amount" numeric(24, 6) NOT NULL,
	"fees" integer NOT NULL,
	CONSTRAINT "cloud_consumption_stats_am_partner_id_bill_month_manager_id_association_type_kind_service_type_code_pk" PRIMARY KEY("partner_id","bill_month","manager_id","association_type","kind","service_type_code")
);
--> statement-breakpoint
ALTER TABLE "cloud_orders" ADD COLUMN "partner_pay_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cloud_orders" ADD COLUMN "rejected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cloud_orders" ADD COLUMN "invoiceable_amount" numeric(20, 2);--> statement-breakpoint
CREATE INDEX "cloud_consumption_customer_month_amount_idx" ON "cloud_consumption_customer_month" USING btree ("partner_id","bill_month","consumption");--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_consumption_monthly_key" ON "cloud_consumption_monthly" USING btree ("partner_id","bill_month","kind","customer_account_id","service_type_code","charging_mode","association_type");--> statement-breakpoint
CREATE INDEX "cloud_consumption_monthly_amount_idx" ON "cloud_consumption_monthly" USING btree ("partner_id","bill_month","kind","amount","id");--> statement-breakpoint
CREATE INDEX "cloud_consumption_monthly_customer_idx" ON "cloud_consumption_monthly" USING btree ("customer_account_id","bill_month");--> statement-breakpoint
CREATE INDEX "cloud_consumption_monthly_am_amount_idx" ON "cloud_consumption_monthly_am" USING btree ("partner_id","bill_month","manager_id","kind","amount","id");--> statement-breakpoint
CREATE INDEX "cloud_fee_records_partner_type_idx" ON "cloud_fee_records" USING btree ("partner_id","bill_month","bill_detail_type","consume_time");--> statement-breakpoint
CREATE INDEX "cloud_order_lines_expires_idx" ON "cloud_order_lines" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "cloud_orders_partner_pay_idx" ON "cloud_orders" USING btree ("partner_id","partner_pay_requested_at") WHERE partner_pay_requested_at is not null;