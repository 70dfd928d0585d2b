import { ConfigError, loadConfig, type Config } from './config.js';
import { createContainer } from './container.js';
import { createJobHandlers } from './jobs/handlers.js';
import { createJobRunner } from './jobs/queue.js';
import { onShutdown, openConfiguredDatabase } from './runtime.js';

/**
 * A background worker: runs the job queue (photo processing, order timeouts, emails) without HTTP.
 * Start as many as needed on PostgreSQL; set JOBS_IN_PROCESS=false on the API processes.
 */
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
  if (!config.databaseUrl) {
    console.error('worker: DATABASE_URL is required (the embedded PGlite database runs inside the API process only)');
    process.exit(2);
  }
  const database = await openConfiguredDatabase(config);
  const jobs = await createJobRunner(database, { schedule: true });
  const container = createContainer(config, database, jobs);
  await container.photoEngine.warmUp();
  await jobs.work(createJobHandlers(container), { concurrency: { 'photos.process': config.photoThreads } });
  console.log(`worker ready: ${config.photoThreads} photo thread(s)`);
  onShutdown(async () => {
    await jobs.stop();
    await container.photoEngine.close();
    await database.close();
  }, (msg) => console.log(msg));
}

await main();
