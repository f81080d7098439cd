-- The fee table's id keeps its sequence but loses its unique B-tree (see cloud_fee_records in the cloud schema):
-- reads by id range go through a BRIN index instead.
ALTER TABLE "cloud_fee_records" DROP CONSTRAINT "cloud_fee_records_pkey";--> statement-breakpoint
CREATE INDEX "cloud_fee_records_id_brin" ON "cloud_fee_records" USING brin ("id");
