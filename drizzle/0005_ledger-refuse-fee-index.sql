DROP INDEX "cloud_fee_records_partner_type_idx";--> statement-breakpoint
CREATE INDEX "cloud_fee_records_partner_type_idx" ON "cloud_fee_records" USING btree ("partner_id","bill_month","bill_detail_type","consume_time") WHERE "cloud_fee_records"."bill_detail_type" <> 5;--> statement-breakpoint
-- The ledger's floor refusal, raised inside a posting's balance statement when that statement is its
-- transaction's last (it commits in the same round trip, so the refusal must abort it, not be read
-- back by the client). SQLSTATE PCL01; DETAIL is a JSON object with the account code, its balance and
-- the move that would have broken the floor. See src/platform/ledger/index.ts, post() with `last`.
CREATE OR REPLACE FUNCTION ledger_refuse(account_code text, balance numeric, delta numeric) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = 'PCL01',
    MESSAGE = 'ledger: insufficient balance',
    DETAIL = json_build_object('account', account_code, 'balance', balance::text, 'delta', delta::text)::text;
END
$$;
