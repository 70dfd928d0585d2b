import { readFileSync } from 'node:fs';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createContainer } from './container.js';
import { createJobHandlers } from './jobs/handlers.js';
import { createJobRunner, type JobRunner } from './jobs/queue.js';
import { loggerOptions, onShutdown, openConfiguredDatabase } from './runtime.js';
import type { SeedResult } from './modules/seed/seed.service.js';

function printSeed(seed: SeedResult, config: Config): void {
  const lines = [
    '',
    '==================== Demo data created (shown once) ====================',
    `  Batch 特征码: ${seed.featureCode}`,
    ...seed.accounts.map((a) => `  ${a.role.padEnd(19)} ${a.username.padEnd(12)} password: ${a.generated ? a.password : '(from config)'}`),
    `  Console: http://localhost:${config.port}/console`,
    '  Save these passwords now; they are not stored anywhere in plain text.',
    '=========================================================================',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const database = await openConfiguredDatabase(config);
  const jobs: JobRunner = await createJobRunner(database, { schedule: config.jobsInProcess });
  const container = createContainer(config, database, jobs);
  if (config.seed.demo) {
    const seed = await container.seed.seedIfEmpty({
      centreName: config.centre.name,
      adminPassword: config.seed.adminPassword,
      reviewerPassword: config.seed.reviewerPassword,
      coordinatorPassword: config.seed.coordinatorPassword,
    });
    if (seed) printSeed(seed, config);
  }
  if (config.jobsInProcess) await jobs.work(createJobHandlers(container), { concurrency: { 'photos.process': config.photoThreads } });
  const tls = config.tls;
  const app = await buildApp(container, {
    logger: loggerOptions(config, process.stdout.isTTY && config.env !== 'production'),
    serveWeb: true,
    ...(tls ? { https: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
  });
  await app.listen({ port: config.port, host: config.host });
  // load the photo models now, so the first student's preview is not slowed by it
  container.photoEngine.warmUp().then(
    () => app.log.info('photo engine ready'),
    (err: unknown) => app.log.error({ err }, 'photo engine failed to load'),
  );
  app.log.info(`student app http${tls ? 's' : ''}://localhost:${config.port}/  console /console  API docs /api/docs`);
  onShutdown(async () => {
    await app.close();
    await jobs.stop();
    await container.photoEngine.close();
    await database.close();
  }, (msg) => app.log.info(msg));
}

await main();
