/**
 * Constants and labels of common/*.ts, served as plain data by the `xaso-shared-constants` plugin in
 * web/vite.config.ts (so citizen pages do not load zod). Types come from the shared modules themselves.
 */
declare module 'virtual:xaso/common' {
  type Accounts = typeof import('../../common/accounts');
  type Audit = typeof import('../../common/audit');
  type Feedback = typeof import('../../common/feedback');
  type HandlingUnits = typeof import('../../common/handling-units');
  type Roles = typeof import('../../common/roles');
  type Units = typeof import('../../common/units');
  export const ROLES: Roles['ROLES'];
  export const ROLE_LABELS: Roles['ROLE_LABELS'];
  export const STAFF_ROLES: Roles['STAFF_ROLES'];
  export const UNIT_KIND_LABELS: Units['UNIT_KIND_LABELS'];
  export const HAMLET_KINDS: Units['HAMLET_KINDS'];
  export const HAMLET_IMPORT_COLUMNS: Units['HAMLET_IMPORT_COLUMNS'];
  export const HAMLET_IMPORT_MAX_ROWS: Units['HAMLET_IMPORT_MAX_ROWS'];
  export const HAMLET_IMPORT_MAX_BYTES: Units['HAMLET_IMPORT_MAX_BYTES'];
  export const HANDLING_UNIT_KINDS: HandlingUnits['HANDLING_UNIT_KINDS'];
  export const MANAGED_HANDLING_UNIT_KINDS: HandlingUnits['MANAGED_HANDLING_UNIT_KINDS'];
  export const HANDLING_UNIT_KIND_LABELS: HandlingUnits['HANDLING_UNIT_KIND_LABELS'];
  export const AUDIT_ACTION_LABELS: Audit['AUDIT_ACTION_LABELS'];
  export const AUDIT_REASON_LABELS: Audit['AUDIT_REASON_LABELS'];
  export const OTP_RESEND_SECONDS: Accounts['OTP_RESEND_SECONDS'];
  export const PASSWORD_MIN_LENGTH: Accounts['PASSWORD_MIN_LENGTH'];
  export const REPORT_STATUSES: Feedback['REPORT_STATUSES'];
  export const REPORT_STATUS_LABELS: Feedback['REPORT_STATUS_LABELS'];
  export const STATS_STATUS_LABELS: Feedback['STATS_STATUS_LABELS'];
  export const CANCEL_REASONS: Feedback['CANCEL_REASONS'];
  export const OFFICER_CANCEL_REASONS: Feedback['OFFICER_CANCEL_REASONS'];
  export const CANCEL_REASON_LABELS: Feedback['CANCEL_REASON_LABELS'];
  export const DESCRIPTION_MAX: Feedback['DESCRIPTION_MAX'];
  export const REOPEN_DAYS: Feedback['REOPEN_DAYS'];
  export const foldVn: Units['foldVn'];
}
