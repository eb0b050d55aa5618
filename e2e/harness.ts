/**
 * Browser tests: the real server (built web app + API on a fresh test database with the demo data) and Debian's
 * Chromium driven by playwright-core, at phone size, in Vietnamese.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadReferenceUnits } from '../server/modules/units/reference-data.js';
import { seedDemoData } from '../server/seed/demo.js';
import { createTestApp, type TestApp } from '../server/test/harness.js';

export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');
export const PHONE = { width: 390, height: 844 };

export interface E2E {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/** `learners`: also the demo's 9,150 learners and their certificates (only the statistics journey reads them). */
export async function startE2E(opts: { learners?: boolean } = {}): Promise<E2E> {
  const t = await createTestApp();
  await seedDemoData(t.db, loadReferenceUnits(), {
    certificateSecret: t.config.secret,
    learners: opts.learners ?? false,
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/**
 * A phone-sized page in Vietnamese that fails the test on any uncaught page error. `consoleErrors` collects what the
 * browser logs as an error (a failed request shows there too), for tests that check a page stays quiet.
 */
export async function phonePage(
  e: E2E,
): Promise<{ context: BrowserContext; page: Page; errors: string[]; consoleErrors: string[] }> {
  const context = await e.browser.newContext({ viewport: PHONE, locale: 'vi-VN', baseURL: e.baseUrl });
  const page = await context.newPage();
  const errors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location().url ?? ''}`.trim());
  });
  // No request may leave the machine: the platform must work on a network with no internet.
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'))
      errors.push(`outside request: ${req.url()}`);
  });
  return { context, page, errors, consoleErrors };
}

export async function signInWithPassword(page: Page, login: string, password: string) {
  await page.goto('/sign-in');
  await page.getByRole('tab', { name: 'Mật khẩu' }).click();
  await page.getByLabel('Số điện thoại hoặc tên đăng nhập').fill(login);
  await page
    .locator('input')
    .and(page.getByLabel('Mật khẩu', { exact: true }))
    .fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

/** A full-page screenshot once the page has settled (no request in flight, no loading indicator). */
export async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.getByText('Đang tải…').or(page.getByText('Đang tải...')).first().waitFor({ state: 'hidden' });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Fails on any critical or serious axe-core violation of the page as it is now (every rule axe runs by default,
 * plus label-content-name-mismatch, which axe marks experimental). Call it once a page has settled, on every page a
 * browser test visits.
 */
export async function expectAccessible(page: Page, what = new URL(page.url()).pathname) {
  await page.waitForLoadState('networkidle');
  await page.getByText('Đang tải…').or(page.getByText('Loading…')).first().waitFor({ state: 'hidden' });
  const { violations } = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const bad = violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  if (bad.length) throw new Error(`accessibility of ${what}:\n${bad.join('\n')}`);
}
