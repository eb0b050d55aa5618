-- Extensions every database needs (PGlite ships them; PostgreSQL has them in contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- Vietnamese folding: NFC first (NFD input), then unaccent, then đ→d (unaccent's rules may miss it), lower case.
-- IMMUTABLE so it can be used in indexes; unaccent() itself is only STABLE because its dictionary could change.
CREATE OR REPLACE FUNCTION vn_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT lower(translate(public.unaccent('public.unaccent'::regdictionary, normalize(input, NFC)), 'đĐ', 'dD'))
$$;
--> statement-breakpoint
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vn_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION vn_unaccent (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION vn_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
  END IF;
END $$;
