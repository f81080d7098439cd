DROP INDEX "cloud_fee_records_customer_idx";--> statement-breakpoint
CREATE INDEX "cloud_fee_records_customer_idx" ON "cloud_fee_records" USING btree ("customer_account_id","bill_month");