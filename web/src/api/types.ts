/**
 * Shapes of the API as the web app reads them: inferred from the zod schemas in common/ (type-only imports, so
 * zod stays out of the citizen bundle). Only what has no shared schema is declared here.
 */
import type {
  AccountDetail,
  AccountListItem,
  ApiKeyView,
  AssignmentView,
  CreatedApiKey,
  Me,
  MeUser,
  OtpRequestResponse,
  SessionView,
  TotpSetupResponse,
} from '../../../common/accounts';
import type { AuditEntry, AuditQuery } from '../../../common/audit';
import type {
  HandlingUnitCreate,
  HandlingUnitDetail,
  HandlingUnitUpdate,
  HandlingUnitView,
} from '../../../common/handling-units';
import type { Role } from '../../../common/roles';
import type { PublicConfig } from '../../../common/system';
import type {
  HamletCreate,
  HamletImportError,
  HamletImportResult,
  HamletUpdate,
  UnitDetail,
  UnitListResponse,
  UnitRef,
  UnitView,
} from '../../../common/units';

export type {
  AccountDetail,
  AccountListItem,
  ApiKeyView,
  AuditEntry,
  AuditQuery,
  CreatedApiKey,
  HamletCreate,
  HamletImportError,
  HamletImportResult,
  HamletUpdate,
  HandlingUnitCreate,
  HandlingUnitDetail,
  HandlingUnitUpdate,
  HandlingUnitView,
  Me,
  OtpRequestResponse,
  PublicConfig,
  Role,
  UnitDetail,
  UnitListResponse,
  UnitRef,
  UnitView,
};

export type User = MeUser;
export type Assignment = AssignmentView;
export type SessionInfo = SessionView;
export type TotpSetup = TotpSetupResponse;
export type Unit = UnitView;

/** Every cursor-paginated list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface SignInResult extends Me {}

/** The 422 of a hamlet import: nothing written, one entry per problem. */
export interface HamletImportFailure {
  ok: false;
  error: { code: string; message: string };
  errors: HamletImportError[];
}

export interface BoundaryFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string; fullName: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: BoundaryFeature[];
}
