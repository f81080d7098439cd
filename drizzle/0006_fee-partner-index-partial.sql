DROP INDEX "cloud_fee_records_partner_idx";--> statement-breakpoint
DROP INDEX "cloud_fee_records_partner_type_idx";--> statement-breakpoint
CREATE INDEX "cloud_fee_records_partner_idx" ON "cloud_fee_records" USING btree ("partner_id","bill_month","consume_time") WHERE "cloud_fee_records"."partner_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "cloud_fee_records_partner_type_idx" ON "cloud_fee_records" USING btree ("partner_id","bill_month","bill_detail_type","consume_time") WHERE "cloud_fee_records"."partner_id" IS NOT NULL AND "cloud_fee_records"."bill_detail_type" <> 5;