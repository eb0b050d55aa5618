-- Audit trail filtered by scope (a commune administrator's events: unit_path under the commune), newest first.
CREATE INDEX IF NOT EXISTS audit_unit_path_idx ON audit_log (unit_path text_pattern_ops, id);
--> statement-breakpoint
-- Accounts found by name without diacritics ("nguyen van" finds "Nguyễn Văn").
CREATE INDEX IF NOT EXISTS users_name_trgm_idx ON users USING gin (vn_fold(full_name) gin_trgm_ops);
