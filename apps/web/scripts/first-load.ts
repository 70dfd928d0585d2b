/**
 * What a phone downloads before the student app's first screen — see BENCHMARKS.md.
 *
 *   npx tsx apps/web/scripts/first-load.ts [--dist apps/web/dist]
 *       From the build's manifest (dist/.vite/manifest.json): index.html plus the JS and CSS it loads at
 *       start (the entry and its static imports); then, per lazily loaded chunk, what it adds on top.
 *       Sizes raw, gzip -9 and brotli q11 (what a compressing proxy or CDN would send).
 *
 *   npx tsx apps/web/scripts/first-load.ts --url http://localhost:3000/ [--path /login] [--slow]
 *       Loads the running app in Debian's Chromium as a phone (390×844) and lists every response until
 *       the login form (`input[name=idNumber]`) is visible: bytes on the wire (the server does not
 *       compress) and the time it took. `--slow` adds 4× CPU slowdown and a "slow 4G" network
 *       (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, as Lighthouse's mobile preset).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: path.resolve(import.meta.dirname, '../dist') },
    entry: { type: 'string', default: 'index.html' },
    url: { type: 'string' },
    path: { type: 'string', default: '/' },
    slow: { type: 'boolean', default: false },
    ready: { type: 'string', default: 'input[name=idNumber]' },
  },
});

const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);

function sizeOf(file: string): Size {
  const buf = readFileSync(path.join(args.dist, file));
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

function add(a: Size, b: Size): Size {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

/** The files a chunk loads before it runs: itself, its static imports (transitively) and their CSS. */
function closure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imp of chunk.imports ?? []) closure(manifest, imp, into);
  return into;
}

function table(files: Iterable<string>): Size {
  let total: Size = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of [...files].sort()) {
    const s = sizeOf(file);
    total = add(total, s);
    console.log(`  ${file.padEnd(48)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}`);
  }
  return total;
}

function fromManifest() {
  const manifest = JSON.parse(readFileSync(path.join(args.dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const first = closure(manifest, args.entry);
  console.log(`First load of ${args.entry} (KB)${' '.repeat(33)}     raw     gzip   brotli`);
  const html = args.entry.endsWith('.html') ? [args.entry] : [];
  const total = table([...html, ...first]);
  const js = [...first].filter((f) => f.endsWith('.js'));
  const css = [...first].filter((f) => f.endsWith('.css'));
  console.log(`  ${'TOTAL'.padEnd(48)} ${kb(total.raw)} ${kb(total.gzip)} ${kb(total.brotli)}`);
  console.log(`  (${js.length} JS + ${css.length} CSS files)\n`);

  // every lazily loaded chunk reachable from the entry, with what it adds on top of the first load
  const lazy = new Set<string>();
  const seen = new Set([args.entry]);
  const queue = [args.entry];
  while (queue.length > 0) {
    const chunk = manifest[queue.pop()!];
    for (const k of chunk?.dynamicImports ?? []) lazy.add(k);
    for (const k of [...(chunk?.imports ?? []), ...(chunk?.dynamicImports ?? [])]) {
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(k);
    }
  }
  const rows = [...lazy]
    .map((key) => {
      const extra = [...closure(manifest, key)].filter((f) => !first.has(f));
      const s = extra.map(sizeOf).reduce(add, { raw: 0, gzip: 0, brotli: 0 });
      const assets = (manifest[key]?.assets ?? []).map(
        (a) => `${a} ${(sizeOf(a).raw / 1024).toFixed(0)} KB on use`,
      );
      return { key, extra, s, assets };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  console.log(`Lazily loaded, on top of the first load (KB)${' '.repeat(23)}     raw     gzip   brotli`);
  for (const { key, extra, s, assets } of rows) {
    const label = manifest[key]?.src ?? manifest[key]?.name ?? key;
    console.log(
      `  ${label.slice(-48).padEnd(48)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}  ${extra.length} files${assets.length ? '; ' + assets.join(', ') : ''}`,
    );
  }
}

async function inBrowser(url: string) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (args.slow) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    }
    const responses: Array<{ url: string; type: string; bytes: number }> = [];
    const pending: Array<Promise<void>> = [];
    let ready = false;
    page.on('requestfinished', (req) => {
      if (ready) return;
      pending.push(
        req.sizes().then((s) => {
          responses.push({
            url: req.url(),
            type: req.resourceType(),
            bytes: s.responseBodySize + s.responseHeadersSize,
          });
        }),
      );
    });
    const start = Date.now();
    await page.goto(new URL(args.path, url).href);
    await page.locator(args.ready).first().waitFor({ state: 'visible', timeout: 120_000 });
    const ms = Date.now() - start;
    ready = true;
    await Promise.all(pending);
    const byType = new Map<string, { n: number; bytes: number }>();
    for (const r of responses.sort((a, b) => b.bytes - a.bytes)) {
      console.log(`  ${r.type.padEnd(10)} ${kb(r.bytes)} KB  ${new URL(r.url).pathname}`);
      const t = byType.get(r.type) ?? { n: 0, bytes: 0 };
      byType.set(r.type, { n: t.n + 1, bytes: t.bytes + r.bytes });
    }
    const total = responses.reduce((a, r) => a + r.bytes, 0);
    const code = responses.filter((r) => r.type === 'script' || r.type === 'stylesheet');
    console.log(
      `  JS + CSS: ${code.length} files, ${kb(code.reduce((a, r) => a + r.bytes, 0)).trim()} KB (headers included)`,
    );
    for (const [type, t] of byType) console.log(`  ${type}: ${t.n} requests, ${kb(t.bytes).trim()} KB`);
    console.log(
      `  TOTAL ${responses.length} requests, ${kb(total).trim()} KB on the wire; ${args.ready} visible after ${ms} ms${args.slow ? ' (slow 4G, 4× CPU)' : ''}`,
    );
  } finally {
    await browser.close();
  }
}

if (args.url) await inBrowser(args.url);
else fromManifest();
