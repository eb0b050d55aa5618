-- Diacritic-insensitive search over unit names: "dinh hoa" finds "Xã Định Hoá" and "Định Hóa".
CREATE INDEX IF NOT EXISTS units_name_trgm_idx ON units USING gin (vn_fold(full_name) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS handling_units_name_trgm_idx ON handling_units USING gin (vn_fold(name) gin_trgm_ops);
--> statement-breakpoint
-- The audit trail is append-only: nobody, not even the application, may change or remove an entry.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
