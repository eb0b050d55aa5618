import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccountDetail,
  AccountDetailQuery,
  AccountIdParams,
  AccountList,
  AccountListQuery,
  ApiKeyIdParams,
  ApiKeyList,
  ApiKeyListQuery,
  ApiKeyView,
  AssignmentParams,
  CreateAccountBody,
  CreateAccountResponse,
  CreateApiKeyBody,
  CreatedApiKey,
  EndedSessions,
  GrantRoleResponse,
  RoleScopeBody,
  TemporaryPassword,
  UpdateAccountBody,
} from '../../../common/accounts.js';
import { requireActor } from '../../platform/actor.js';
import type { AccountAdminService } from './admin.js';
import type { ApiKeyService } from './api-keys.js';

export interface AccountAdminServices {
  accountAdmin: AccountAdminService;
  apiKeys: ApiKeyService;
}

/** Accounts and roles administration (/api/accounts) and integration keys (/api/api-keys). */
export function registerAccountAdminRoutes(
  app: FastifyInstance,
  { accountAdmin: accounts, apiKeys: keys }: AccountAdminServices,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.get(
    '/api/accounts',
    {
      schema: {
        tags,
        summary: 'Danh sách tài khoản trong phạm vi / accounts in scope',
        querystring: AccountListQuery,
        response: { 200: AccountList },
      },
    },
    async (req) => accounts.list(requireActor(req), req.query),
  );

  r.post(
    '/api/accounts',
    {
      schema: {
        tags,
        summary: 'Tạo tài khoản / create an account',
        body: CreateAccountBody,
        response: { 201: CreateAccountResponse },
      },
    },
    async (req, reply) => reply.code(201).send(await accounts.create(requireActor(req), req.body, req.id)),
  );

  r.get(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Chi tiết tài khoản (ghi nhật ký, cần lý do) / account details (audited, needs a reason)',
        params: AccountIdParams,
        querystring: AccountDetailQuery,
        response: { 200: AccountDetail },
      },
    },
    async (req) => accounts.read(requireActor(req), req.params.id, req.query.reason, req.id),
  );

  r.patch(
    '/api/accounts/:id',
    {
      schema: {
        tags,
        summary: 'Sửa, khóa, mở khóa tài khoản / edit, disable, enable an account',
        params: AccountIdParams,
        body: UpdateAccountBody,
        response: { 200: AccountDetail },
      },
    },
    async (req) => accounts.update(requireActor(req), req.params.id, req.body, req.id),
  );

  r.post(
    '/api/accounts/:id/roles',
    {
      schema: {
        tags,
        summary: 'Cấp vai trò / grant a role',
        params: AccountIdParams,
        body: RoleScopeBody,
        response: { 201: GrantRoleResponse },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send({ assignment: await accounts.grantRole(requireActor(req), req.params.id, req.body, req.id) }),
  );

  r.delete(
    '/api/accounts/:id/roles/:assignmentId',
    {
      schema: {
        tags,
        summary: 'Thu hồi vai trò / revoke a role',
        params: AssignmentParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await accounts.revokeRole(requireActor(req), req.params.id, req.params.assignmentId, req.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/accounts/:id/sign-out-everywhere',
    {
      schema: {
        tags,
        summary: 'Đăng xuất tài khoản khỏi mọi thiết bị / sign an account out everywhere',
        params: AccountIdParams,
        response: { 200: EndedSessions },
      },
    },
    async (req) => accounts.signOutEverywhere(requireActor(req), req.params.id, req.id),
  );

  r.post(
    '/api/accounts/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Đặt lại mật khẩu tạm thời (hiện một lần) / reset to a temporary password (shown once)',
        params: AccountIdParams,
        response: { 200: TemporaryPassword },
      },
    },
    async (req) => accounts.resetPassword(requireActor(req), req.params.id, req.id),
  );

  const keyTags = ['api-keys'];
  r.get(
    '/api/api-keys',
    {
      schema: {
        tags: keyTags,
        summary: 'Khóa API / API keys',
        querystring: ApiKeyListQuery,
        response: { 200: ApiKeyList },
      },
    },
    async (req) => keys.listFor(requireActor(req), req.query),
  );

  r.post(
    '/api/api-keys',
    {
      schema: {
        tags: keyTags,
        summary: 'Tạo khóa API (khóa chỉ hiện một lần) / create an API key (shown once)',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey },
      },
    },
    async (req, reply) => reply.code(201).send(await keys.createFor(requireActor(req), req.body, req.id)),
  );

  r.delete(
    '/api/api-keys/:id',
    {
      schema: {
        tags: keyTags,
        summary: 'Thu hồi khóa API / revoke an API key',
        params: ApiKeyIdParams,
        response: { 200: ApiKeyView },
      },
    },
    async (req) => keys.revokeFor(requireActor(req), req.params.id, req.id),
  );
}
