import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Container } from './container.js';
import { registerAuthContext } from './http/auth-context.js';
import { registerCsrf } from './http/csrf.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerWebApp } from './http/web-app.js';
import { accountRoutes, accountsRoutes } from './modules/accounts/accounts.routes.js';
import { centreRoutes } from './modules/centre/centre.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { staffRoutes } from './modules/staff/staff.routes.js';
import { readUpload } from './http/upload.js';
import { addressesRoutes } from './modules/addresses/addresses.routes.js';
import { collectionsRoutes } from './modules/collections/collections.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { ordersRoutes } from './modules/orders/orders.routes.js';
import { reviewsRoutes } from './modules/reviews/reviews.routes.js';
import { submissionsRoutes } from './modules/submissions/submissions.routes.js';
import { paymentsRoutes } from './modules/payments/payments.routes.js';
import { ocrRoutes } from './modules/ocr/ocr.routes.js';
import { wechatSandboxRoutes } from './modules/payments/sandbox/sandbox.routes.js';
import { alipaySandboxRoutes } from './modules/payments/sandbox/alipay-sandbox.routes.js';
import { batchesRoutes } from './modules/batches/batches.routes.js';
import { rosterRoutes } from './modules/roster/roster.routes.js';
import { schoolsRoutes } from './modules/schools/schools.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { codesRoutes } from './modules/codes/codes.routes.js';
import { progressRoutes } from './modules/progress/progress.routes.js';
import { staffAccountsRoutes } from './modules/staff-accounts/staff-accounts.routes.js';
import { consoleOrdersRoutes } from './modules/orders/console-orders.routes.js';
import { exportsRoutes } from './modules/exports/exports.routes.js';
import { printsRoutes } from './modules/prints/prints.routes.js';
import { shippingRoutes } from './modules/shipping/shipping.routes.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';

export interface BuildAppOptions {
  logger?: boolean | object;
  /** Serve the built web app (off in route tests). */
  serveWeb?: boolean;
  /** TLS certificate and key: phones allow the camera only on HTTPS (or localhost). */
  https?: { cert: Buffer; key: Buffer };
}

/** Builds the HTTP app without listening: server.ts listens, tests use `app.inject()`. */
export async function buildApp(c: Container, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { config } = c;
  const app = Fastify({
    ...(opts.https ? { https: opts.https } : {}),
    logger: opts.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 30 * 1024 * 1024, files: 1, fields: 20 } });
  await app.register(rateLimit, { max: 600, timeWindow: '1 minute' });
  await app.register(swagger, {
    openapi: { info: { title: 'GradPhoto API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerCsrf(app, { secret: config.secrets.session, secureCookie: config.cookieSecure });
  registerAuthContext(app, { sessions: c.sessions, staff: c.staff, secureCookie: config.cookieSecure });

  await app.register(healthRoutes, {
    ping: async () => (await c.database.executeSql('select 1 as ok', [])).rows.length === 1,
    databaseKind: c.database.kind,
  });
  await app.register(centreRoutes, { centre: { ...config.centre, paymentMethods: c.paymentProvider.methods } });
  await app.register(accountsRoutes, { accounts: c.accounts, throttle: c.throttle, secureCookie: config.cookieSecure });
  await app.register(accountRoutes, { accounts: c.accounts, storage: c.storage });
  await app.register(staffRoutes, { staff: c.staff, secureCookie: config.cookieSecure });
  await app.register(collectionsRoutes, { collections: c.collections, home: c.home });
  await app.register(submissionsRoutes, { submissions: c.submissions, readUpload });
  await app.register(ordersRoutes, { orders: c.orders, home: c.home });
  await app.register(addressesRoutes, { addresses: c.addresses });
  await app.register(notificationsRoutes, { notifications: c.notifications });
  await app.register(reviewsRoutes, { reviews: c.reviews });
  await app.register(paymentsRoutes, { payments: c.payments, refunds: c.refunds, wechatOAuth: c.wechatOAuth });
  await app.register(ocrRoutes, { ocr: c.ocr });
  if (c.paymentProvider.sandbox) await app.register(wechatSandboxRoutes, { sandbox: c.paymentProvider.sandbox });
  if (c.paymentProvider.alipaySandbox) await app.register(alipaySandboxRoutes, { sandbox: c.paymentProvider.alipaySandbox });
  await app.register(schoolsRoutes, { schools: c.schools });
  await app.register(batchesRoutes, { batches: c.batches });
  await app.register(rosterRoutes, { roster: c.roster, readUpload });
  await app.register(codesRoutes, { codes: c.codes });
  await app.register(progressRoutes, { progress: c.progress });
  await app.register(auditRoutes, { audit: c.audit });
  await app.register(staffAccountsRoutes, { staffAccounts: c.staffAccounts });
  await app.register(consoleOrdersRoutes, { consoleOrders: c.consoleOrders }); // console-b
  await app.register(printsRoutes, { prints: c.prints }); // console-b
  await app.register(shippingRoutes, { shipping: c.shipping, readUpload }); // console-b
  await app.register(exportsRoutes, { exports: c.exports }); // console-b
  await app.register(privacyRoutes, { privacy: c.privacy });

  if (opts.serveWeb) await registerWebApp(app, config.webDistDir);
  return app;
}
