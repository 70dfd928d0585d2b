import { describe, expect, it } from 'vitest';
import { createWechatOAuthClient, WechatOAuthError } from './wechat-oauth.js';

const APPID = 'wx520c15f417810387';
const SECRET = 'a'.repeat(32);

/** A fake api.weixin.qq.com: records the URLs, answers `respond(url)` (HTTP 200 unless told). */
function fakeWechat(respond: (url: URL) => { status?: number; text: string }) {
  const seen: URL[] = [];
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    seen.push(url);
    const r = respond(url);
    return new Response(r.text, { status: r.status ?? 200, headers: { 'content-type': 'application/json; encoding=utf-8' } });
  }) as typeof fetch;
  const client = createWechatOAuthClient({ appid: APPID, secret: SECRET, authorizeBaseUrl: 'https://open.weixin.qq.com/', apiBaseUrl: 'https://api.weixin.qq.com', fetch: fetchImpl });
  return { client, seen };
}

const errorOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as WechatOAuthError);

describe('WeChat official-account OAuth client', () => {
  it('builds the authorize link in the order WeChat matches, with redirect_uri encoded and #wechat_redirect', () => {
    const { client } = fakeWechat(() => ({ text: '{}' }));
    const url = client.authorizeUrl('https://photo.example.edu/api/payments/wechat/oauth/callback', 'abc123DEF');
    expect(url).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387&redirect_uri=https%3A%2F%2Fphoto.example.edu%2Fapi%2Fpayments%2Fwechat%2Foauth%2Fcallback&response_type=code&scope=snsapi_base&state=abc123DEF#wechat_redirect',
    );
    // WeChat takes only letters and digits, at most 128, as state
    expect(() => client.authorizeUrl('https://x/cb', 'a-b')).toThrow(/state/);
    expect(() => client.authorizeUrl('https://x/cb', 'a'.repeat(129))).toThrow(/state/);
  });

  it('exchanges a code for the openid with a GET carrying appid, secret, code and grant_type', async () => {
    const { client, seen } = fakeWechat(() => ({
      text: JSON.stringify({ access_token: 'AT', expires_in: 7200, refresh_token: 'RT', openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', scope: 'snsapi_base' }),
    }));
    expect(await client.exchangeCode('041mCi1007RPWO1Ywe400hiNY53mCi1a')).toEqual({ openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', scope: 'snsapi_base', isSnapshotUser: false });
    const url = seen[0]!;
    expect(url.origin + url.pathname).toBe('https://api.weixin.qq.com/sns/oauth2/access_token');
    expect(Object.fromEntries(url.searchParams)).toEqual({ appid: APPID, secret: SECRET, code: '041mCi1007RPWO1Ywe400hiNY53mCi1a', grant_type: 'authorization_code' });
  });

  it('flags a snapshot-page virtual user', async () => {
    const { client } = fakeWechat(() => ({ text: JSON.stringify({ access_token: 'AT', openid: 'oX', scope: 'snsapi_base', is_snapshotuser: 1 }) }));
    expect((await client.exchangeCode('c')).isSnapshotUser).toBe(true);
  });

  it('turns {errcode, errmsg} answers (HTTP 200) into WechatOAuthError; invalid and used codes are "bad code"', async () => {
    const answers: Record<string, object> = {
      bad: { errcode: 40029, errmsg: 'invalid code, rid: 641d8438-5f5ec4a3-76c11b5f' },
      used: { errcode: 40163, errmsg: 'code been used, rid: 6380622c-50076416-224b40b0' },
      secret: { errcode: 40125, errmsg: 'invalid appsecret, rid: 1-2-3' },
    };
    const { client } = fakeWechat((url) => ({ text: JSON.stringify(answers[url.searchParams.get('code')!]) }));
    const bad = await errorOf(client.exchangeCode('bad'));
    expect(bad).toBeInstanceOf(WechatOAuthError);
    expect(bad).toMatchObject({ errcode: 40029, badCode: true });
    expect(bad!.errmsg).toContain('invalid code');
    expect(await errorOf(client.exchangeCode('used'))).toMatchObject({ errcode: 40163, badCode: true });
    const secret = await errorOf(client.exchangeCode('secret'));
    expect(secret).toMatchObject({ errcode: 40125, badCode: false });
    expect(secret!.message).not.toContain(SECRET);
  });

  it('reports an unreachable or garbled answer as errcode -1, never echoing the secret-bearing URL', async () => {
    const down = createWechatOAuthClient({
      appid: APPID,
      secret: SECRET,
      authorizeBaseUrl: 'https://open.weixin.qq.com',
      apiBaseUrl: 'https://api.weixin.qq.com',
      fetch: (async () => {
        throw new TypeError(`fetch failed for https://api.weixin.qq.com/sns/oauth2/access_token?secret=${SECRET}`);
      }) as typeof fetch,
    });
    const err = await errorOf(down.exchangeCode('c'));
    expect(err).toMatchObject({ errcode: -1, badCode: false });
    expect(err!.message).not.toContain(SECRET);
    const html = fakeWechat(() => ({ status: 502, text: '<html>bad gateway</html>' }));
    expect(await errorOf(html.client.exchangeCode('c'))).toMatchObject({ errcode: -1, errmsg: 'HTTP 502: not JSON' });
    const odd = fakeWechat(() => ({ text: '{"hello":1}' }));
    expect(await errorOf(odd.client.exchangeCode('c'))).toMatchObject({ errcode: -1 });
  });
});
