import type { z } from 'zod';
import type {
  CategoryCreate,
  CategoryUpdate,
  CategoryView,
  ExtraField,
  RoutingRuleCreate,
  RoutingRuleView,
} from '../../../common/feedback.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { cachedReference } from '../../platform/reference-cache.js';
import * as huRepo from '../handling-units/repo.js';
import type { UnitsService } from '../units/service.js';
import * as repo from './category-repo.js';

export function toCategoryView(c: repo.CategoryRow): CategoryView {
  return {
    id: c.id,
    code: c.code,
    provinceCode: c.provinceCode,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    descriptionVi: c.descriptionVi,
    descriptionEn: c.descriptionEn,
    icon: c.icon,
    defaultHandlingUnitId: c.defaultHandlingUnitId,
    deadlineWorkingDays: c.deadlineWorkingDays,
    deadlineHours: c.deadlineHours,
    sensitive: c.sensitive,
    extraFields: c.extraFields as ExtraField[],
    active: c.active,
    sortOrder: c.sortOrder,
  };
}

const toRuleView = (r: repo.RoutingRuleRow): RoutingRuleView => ({
  id: r.id,
  categoryId: r.categoryId,
  categoryCode: r.categoryCode,
  communeCode: r.communeCode,
  handlingUnit: { id: r.handlingUnitId, code: r.handlingUnitCode, name: r.handlingUnitName },
  createdAt: r.createdAt.toISOString(),
});

const categoryNotFound = (id: string) => errors.notFound({ vi: `lĩnh vực "${id}"`, en: `Category "${id}"` });

/** Feedback categories and routing rules: public reads; the province administrator edits. */
export function createCategoryService(ctx: AppContext, { units }: { units: UnitsService }) {
  const db = ctx.db;

  async function requireCategory(idOrCode: string, exec: Executor = db): Promise<repo.CategoryRow> {
    const c = await repo.findCategory(exec, idOrCode);
    if (!c) throw categoryNotFound(idOrCode);
    return c;
  }

  /**
   * A category or 404 from the per-process reference cache (platform/reference-cache.ts: up to 5 s old when another
   * process changed it): for validating and showing new submissions, never for routing or deadlines.
   */
  async function requireCategoryCached(idOrCode: string): Promise<repo.CategoryRow> {
    const c = await cachedReference('feedback_categories', db, idOrCode, () => repo.findCategory(db, idOrCode));
    if (!c) throw categoryNotFound(idOrCode);
    return c;
  }

  /** An active handling unit of the province (for defaults, rules and overrides), or a field error. */
  async function requireUnitOfProvince(exec: Executor, id: string, provinceCode: string, field: string) {
    const h = await huRepo.findHandlingUnit(exec, id);
    if (!h?.active || h.provinceCode !== provinceCode)
      throw errors.invalidField(field, {
        vi: 'Không có cơ quan xử lý đang hoạt động này trong tỉnh.',
        en: 'No such active handling unit in the province.',
      });
    return h;
  }

  async function listCategories(provinceCode: string, includeInactive: boolean): Promise<CategoryView[]> {
    return (await repo.listCategories(db, provinceCode, includeInactive)).map(toCategoryView);
  }

  async function createCategory(
    actor: Actor,
    provinceCode: string,
    input: z.output<typeof CategoryCreate>,
    requestId?: string,
  ): Promise<CategoryView> {
    return db.transaction(async (tx) => {
      if (input.defaultHandlingUnitId)
        await requireUnitOfProvince(tx, input.defaultHandlingUnitId, provinceCode, 'defaultHandlingUnitId');
      if (!input.deadlineWorkingDays && !input.deadlineHours)
        throw errors.invalidField('deadlineWorkingDays', {
          vi: 'Cần đặt thời hạn xử lý (ngày làm việc hoặc giờ).',
          en: 'Set a deadline (working days or hours).',
        });
      const { provinceCode: _p, ...rest } = input;
      const [row] = await repo.insertCategories(tx, [{ ...rest, provinceCode }]);
      if (!row)
        throw errors.conflict(
          'category_code_taken',
          { vi: 'Mã lĩnh vực đã có.', en: 'The code is taken.' },
          {
            code: { vi: 'Mã đã được dùng.', en: 'Code already used.' },
          },
        );
      await recordAudit(
        tx,
        actor,
        { action: 'category.create', resourceType: 'feedback_category', resourceId: row.id, unitPath: provinceCode },
        requestId,
      );
      return toCategoryView(row);
    });
  }

  async function updateCategory(
    actor: Actor,
    category: repo.CategoryRow,
    input: z.output<typeof CategoryUpdate>,
    requestId?: string,
  ): Promise<CategoryView> {
    return db.transaction(async (tx) => {
      if (input.defaultHandlingUnitId)
        await requireUnitOfProvince(tx, input.defaultHandlingUnitId, category.provinceCode, 'defaultHandlingUnitId');
      const patch = { ...input };
      // Setting one kind of deadline clears the other: a category is due in working days or in hours.
      if (input.deadlineHours) patch.deadlineWorkingDays = null;
      if (input.deadlineWorkingDays) patch.deadlineHours = null;
      const days = patch.deadlineWorkingDays !== undefined ? patch.deadlineWorkingDays : category.deadlineWorkingDays;
      const hours = patch.deadlineHours !== undefined ? patch.deadlineHours : category.deadlineHours;
      if (!days && !hours)
        throw errors.invalidField('deadlineWorkingDays', {
          vi: 'Cần đặt thời hạn xử lý (ngày làm việc hoặc giờ).',
          en: 'Set a deadline (working days or hours).',
        });
      const row = await repo.updateCategory(tx, category.id, patch);
      await recordAudit(
        tx,
        actor,
        {
          action: 'category.update',
          resourceType: 'feedback_category',
          resourceId: row.id,
          unitPath: category.provinceCode,
          details: { fields: Object.keys(input) },
        },
        requestId,
      );
      return toCategoryView(row);
    });
  }

  async function listRoutingRules(
    f: { provinceCode: string; categoryId?: string; communeCode?: string },
    page: { limit: number; offset: number },
  ): Promise<{ items: RoutingRuleView[]; total: number }> {
    const { rows, total } = await repo.listRoutingRules(db, f, page);
    return { items: rows.map(toRuleView), total };
  }

  /** Sets where a category's reports from a commune (or the whole province) go; replaces the same rule. */
  async function setRoutingRule(
    actor: Actor,
    provinceCode: string,
    input: z.output<typeof RoutingRuleCreate>,
    requestId?: string,
  ): Promise<RoutingRuleView> {
    return db.transaction(async (tx) => {
      const category = await requireCategory(input.categoryId, tx);
      if (category.provinceCode !== provinceCode)
        throw errors.invalidField('categoryId', {
          vi: 'Lĩnh vực không thuộc tỉnh.',
          en: 'Not a category of the province.',
        });
      if (input.communeCode) {
        const commune = await units.requireUnit(input.communeCode, tx);
        if (commune.level !== 'commune' || commune.provinceCode !== provinceCode)
          throw errors.invalidField('communeCode', {
            vi: 'Cần một xã, phường của tỉnh.',
            en: 'A commune of the province is needed.',
          });
      }
      await requireUnitOfProvince(tx, input.handlingUnitId, provinceCode, 'handlingUnitId');
      const id = await repo.upsertRoutingRule(tx, {
        categoryId: category.id,
        communeCode: input.communeCode ?? null,
        handlingUnitId: input.handlingUnitId,
        createdBy: actor.kind === 'user' ? actor.id : null,
      });
      await recordAudit(
        tx,
        actor,
        {
          action: 'routing_rule.set',
          resourceType: 'routing_rule',
          resourceId: id,
          unitPath: provinceCode,
          details: { category: category.code, commune: input.communeCode ?? null },
        },
        requestId,
      );
      return toRuleView((await repo.findRoutingRule(tx, id))!);
    });
  }

  async function requireRoutingRule(id: string) {
    const r = await repo.findRoutingRule(db, id);
    if (!r) throw errors.notFound({ vi: 'quy tắc phân phối', en: 'Routing rule' });
    return r;
  }

  async function deleteRoutingRule(actor: Actor, provinceCode: string, id: string, requestId?: string) {
    await db.transaction(async (tx) => {
      if (!(await repo.deleteRoutingRule(tx, id)))
        throw errors.notFound({ vi: 'quy tắc phân phối', en: 'Routing rule' });
      await recordAudit(
        tx,
        actor,
        { action: 'routing_rule.delete', resourceType: 'routing_rule', resourceId: id, unitPath: provinceCode },
        requestId,
      );
    });
  }

  return {
    requireCategory,
    requireCategoryCached,
    requireUnitOfProvince,
    listCategories,
    createCategory,
    updateCategory,
    listRoutingRules,
    setRoutingRule,
    requireRoutingRule,
    deleteRoutingRule,
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
