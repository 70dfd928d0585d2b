import type { JsapiPayParams } from '@gradphoto/contracts/payments';

/**
 * Paying inside WeChat's own browser. WeChat Pay H5 does not work there; the page pays with JSAPI:
 * `WeixinJSBridge.invoke('getBrandWCPayRequest', params, cb)`. The callback only says how the sheet
 * ended (ok / cancel / fail); whether the order is paid is decided by the server (notification or query).
 */

const SIM_KEY = 'gradphoto.wechat';

/** WeChat's in-app browser says `MicroMessenger` in its user agent (WeChat Work too). */
export function isWechatUserAgent(ua: string): boolean {
  return /MicroMessenger/i.test(ua);
}

interface Env {
  userAgent: string;
  search: string;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

function browserEnv(): Env {
  let storage: Env['storage'] = null;
  try {
    storage = window.sessionStorage;
  } catch {
    /* private mode */
  }
  return { userAgent: navigator.userAgent, search: window.location.search, storage };
}

/**
 * Whether to pay the WeChat way: in WeChat's browser, or — for development against the payment sandbox —
 * when the page was opened with `?wechat=sim` (remembered for the tab; `?wechat=off` forgets it).
 */
export function payInsideWechat(env: Env = browserEnv()): boolean {
  const flag = new URLSearchParams(env.search).get('wechat');
  try {
    if (flag === 'sim') env.storage?.setItem(SIM_KEY, 'sim');
    if (flag === 'off') env.storage?.removeItem(SIM_KEY);
  } catch {
    /* private mode: the flag still counts for this page */
  }
  if (isWechatUserAgent(env.userAgent)) return true;
  if (flag === 'sim') return true;
  try {
    return env.storage?.getItem(SIM_KEY) === 'sim';
  } catch {
    return false;
  }
}

export type BridgeOutcome = 'ok' | 'cancel' | 'fail';

/** `get_brand_wcpay_request:ok` → ok; `…:cancel` → cancel; anything else → fail. */
export function bridgeOutcome(res: unknown): BridgeOutcome {
  const msg = res && typeof res === 'object' ? (res as { err_msg?: unknown }).err_msg : undefined;
  if (typeof msg !== 'string') return 'fail';
  const tail = msg
    .slice(msg.lastIndexOf(':') + 1)
    .trim()
    .toLowerCase();
  return tail === 'ok' ? 'ok' : tail === 'cancel' ? 'cancel' : 'fail';
}

interface Bridge {
  invoke(name: string, params: object, cb: (res: unknown) => void): void;
}
type BridgeWindow = Window & { WeixinJSBridge?: Bridge; __gradphotoSandboxBridge?: Bridge };

/** Resolves once `pick()` finds a bridge: at once, on `WeixinJSBridgeReady`, or null after `timeoutMs`. */
function waitForBridge(pick: () => Bridge | undefined, timeoutMs: number): Promise<Bridge | null> {
  const found = pick();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    const done = () => {
      document.removeEventListener('WeixinJSBridgeReady', done);
      window.clearTimeout(timer);
      resolve(pick() ?? null);
    };
    const timer = window.setTimeout(done, timeoutMs);
    document.addEventListener('WeixinJSBridgeReady', done, false);
  });
}

/** Loads a same-origin script once (the sandbox's bridge stand-in). */
function loadScript(src: string): Promise<void> {
  const existing = document.querySelector<HTMLScriptElement>(
    `script[data-wechat-bridge="${CSS.escape(src)}"]`,
  );
  if (existing) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const el = document.createElement('script');
    el.src = src;
    el.async = true;
    el.dataset.wechatBridge = src;
    el.onload = () => resolve();
    el.onerror = () => {
      el.remove();
      reject(new Error('bridge script failed to load'));
    };
    document.head.appendChild(el);
  });
}

/**
 * Opens WeChat's payment sheet with the server's signed parameters; resolves with how it ended.
 * `bridgeScript` comes only from the development sandbox (its stand-in, used even inside real WeChat).
 */
export async function invokeWechatPay(
  params: JsapiPayParams,
  opts: { bridgeScript?: string; timeoutMs?: number } = {},
): Promise<BridgeOutcome> {
  const w = window as BridgeWindow;
  let bridge: Bridge | null;
  if (opts.bridgeScript) {
    try {
      await loadScript(opts.bridgeScript);
    } catch {
      return 'fail';
    }
    bridge = await waitForBridge(() => w.__gradphotoSandboxBridge, opts.timeoutMs ?? 5_000);
  } else {
    bridge = await waitForBridge(() => w.WeixinJSBridge, opts.timeoutMs ?? 5_000);
  }
  if (!bridge) return 'fail';
  const b = bridge;
  return new Promise((resolve) => {
    try {
      b.invoke('getBrandWCPayRequest', { ...params }, (res) => resolve(bridgeOutcome(res)));
    } catch {
      resolve('fail');
    }
  });
}
