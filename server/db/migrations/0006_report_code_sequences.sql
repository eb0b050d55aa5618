-- Public codes ("PA-26-000124": report 124 of 2026) are numbered by one sequence per year instead of max() + 1
-- under a global lock, so submissions no longer wait for each other. A sequence is not transactional: a submission
-- that rolls back leaves a gap in the numbering. That is acceptable: codes stay short and unique, and nobody relies
-- on them being consecutive (counts come from the statistics, not from codes).
CREATE OR REPLACE FUNCTION next_report_code_number(yy text) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  seq text := 'report_code_' || yy;
  last bigint;
BEGIN
  IF yy IS NULL OR yy !~ '^[0-9]{2}$' THEN
    RAISE EXCEPTION 'invalid year for a report code: %', yy;
  END IF;
  IF to_regclass(seq) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE SEQUENCE %I AS bigint', seq);
      -- The first submission of the year creates it (invisible to others until this transaction commits, so it is
      -- set before anyone draws from it), continuing after codes of that year written before sequences existed.
      SELECT max(substring(public_code FROM 7)::bigint) INTO last FROM reports
        WHERE public_code >= 'PA-' || yy || '-' AND public_code < 'PA-' || yy || '.'
          AND public_code ~ '^PA-[0-9]{2}-[0-9]{1,15}$';
      IF last IS NOT NULL THEN
        PERFORM setval(seq, last);
      END IF;
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL; -- a concurrent submission created it first (we waited for its commit): draw from it
    END;
  END IF;
  RETURN nextval(seq);
END $$;
