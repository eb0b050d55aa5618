ALTER TABLE "users" ADD COLUMN "managed_by_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Existing accounts: a staff account is one holding a staff role and either no citizen role (made by an
-- administrator) or a staff role given by no one (the seed). A citizen who signed up by code and was later given a
-- role by an administrator stays the citizen's own.
UPDATE "users" u SET "managed_by_admin" = true
WHERE EXISTS (SELECT 1 FROM "role_assignments" a WHERE a."user_id" = u."id" AND a."role" <> 'citizen')
  AND (
    NOT EXISTS (SELECT 1 FROM "role_assignments" a WHERE a."user_id" = u."id" AND a."role" = 'citizen')
    OR EXISTS (
      SELECT 1 FROM "role_assignments" a WHERE a."user_id" = u."id" AND a."role" <> 'citizen' AND a."created_by" IS NULL
    )
  );
