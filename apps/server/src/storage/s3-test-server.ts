import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small S3-compatible server for tests: PutObject, GetObject, HeadObject and DeleteObject with
 * path-style addressing (`/bucket/key`), S3's XML error bodies, and AWS Signature V4 checked on every
 * request with the same secret (recomputed here with node:crypto, independently of the SDK's signer).
 * Objects live in memory. Bound to 127.0.0.1 on a free port.
 */
export interface S3TestServer {
  endpoint: string;
  /** Stored objects by bucket, then by full object key (prefix included). */
  buckets: Map<string, Map<string, StoredObject>>;
  /** Every request as seen: method, decoded key, and the payload-hash header. */
  requests: { method: string; bucket: string; key: string; contentSha256: string | undefined }[];
  close(): Promise<void>;
}

export interface StoredObject {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

const xmlEscape = (s: string): string => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - _ . ~ is %XX. */
const awsEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export async function startS3TestServer(options: { accessKeyId: string; secretAccessKey: string; region: string; buckets: string[] }): Promise<S3TestServer> {
  const buckets = new Map(options.buckets.map((b) => [b, new Map<string, StoredObject>()]));
  const requests: S3TestServer['requests'] = [];

  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  /** Checks the Authorization header (SigV4, header form). Returns the payload hash the client declared. */
  const verifySignature = (req: IncomingMessage, rawPath: string, rawQuery: string): string => {
    const auth = req.headers.authorization;
    const m = auth?.match(/^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/);
    if (!m) throw new S3Error(403, 'AccessDenied', 'Missing or malformed AWS Signature Version 4 authorization');
    const [, accessKeyId, scopeDate, region, signedHeadersList, signature] = m as unknown as [string, string, string, string, string, string];
    if (accessKeyId !== options.accessKeyId) throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    if (region !== options.region) throw new S3Error(400, 'AuthorizationHeaderMalformed', `the region '${region}' is wrong; expecting '${options.region}'`);
    const amzDate = req.headers['x-amz-date'];
    if (typeof amzDate !== 'string' || !/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== scopeDate) {
      throw new S3Error(403, 'AccessDenied', 'X-Amz-Date is missing or does not match the credential scope');
    }
    const when = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    if (Math.abs(Date.now() - when) > 15 * 60_000) throw new S3Error(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    const signedHeaders = signedHeadersList.split(';');
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) throw new S3Error(403, 'AccessDenied', 'host and x-amz-date must be signed');
    const payloadHash = req.headers['x-amz-content-sha256'];
    if (typeof payloadHash !== 'string') throw new S3Error(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');

    const canonicalQuery = rawQuery
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const i = pair.indexOf('=');
        const [k, v] = i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
        return [awsEncode(decodeURIComponent(k)), awsEncode(decodeURIComponent(v))] as const;
      })
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalHeaders = signedHeaders
      .map((name) => {
        const value = req.headers[name];
        if (value === undefined) throw new S3Error(403, 'AccessDenied', `Signed header ${name} is missing`);
        return `${name}:${(Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ')}\n`;
      })
      .join('');
    // S3 signs the path as sent (each segment URI-encoded once, no normalisation)
    const canonicalRequest = [req.method, rawPath, canonicalQuery, canonicalHeaders, signedHeadersList, payloadHash].join('\n');
    const scope = `${scopeDate}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
    const key = hmac(hmac(hmac(hmac(`AWS4${options.secretAccessKey}`, scopeDate), region), 's3'), 'aws4_request');
    const expected = hmac(key, stringToSign);
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
      throw new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', {
        AWSAccessKeyId: accessKeyId,
        StringToSign: stringToSign,
        CanonicalRequest: canonicalRequest,
      });
    }
    return payloadHash;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const [bucketName = '', ...rest] = rawPath.slice(1).split('/');
    const bucket = decodeURIComponent(bucketName);
    const key = rest.map(decodeURIComponent).join('/');
    const contentSha256 = req.headers['x-amz-content-sha256'] as string | undefined;
    requests.push({ method: req.method ?? '', bucket, key, contentSha256 });
    const resource = `/${bucket}/${key}`;
    try {
      const payloadHash = verifySignature(req, rawPath, rawQuery);
      const objects = buckets.get(bucket);
      if (!objects) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      if (!key) throw new S3Error(501, 'NotImplemented', 'Only object operations are implemented');
      switch (req.method ?? '') {
        case 'PUT': {
          if (req.headers['content-encoding']?.includes('aws-chunked')) throw new S3Error(501, 'NotImplemented', 'aws-chunked uploads are not implemented');
          const body = await readBody(req);
          const declared = req.headers['content-length'];
          if (declared === undefined) throw new S3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
          if (Number(declared) !== body.length) throw new S3Error(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
          if (payloadHash !== 'UNSIGNED-PAYLOAD') {
            if (!/^[0-9a-f]{64}$/.test(payloadHash)) throw new S3Error(400, 'InvalidArgument', `x-amz-content-sha256 ${payloadHash} is not supported here`);
            if (sha256(body) !== payloadHash) throw new S3Error(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
          }
          const etag = `"${createHash('md5').update(body).digest('hex')}"`;
          objects.set(key, { body, contentType: req.headers['content-type'] ?? 'binary/octet-stream', etag, lastModified: new Date() });
          res.writeHead(200, { etag, 'x-amz-request-id': randomBytes(8).toString('hex') }).end();
          return;
        }
        case 'GET':
        case 'HEAD': {
          await readBody(req);
          const object = objects.get(key);
          if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
          res.writeHead(200, {
            'content-type': object.contentType,
            'content-length': object.body.length,
            etag: object.etag,
            'last-modified': object.lastModified.toUTCString(),
            'x-amz-request-id': randomBytes(8).toString('hex'),
          });
          res.end(req.method === 'GET' ? object.body : undefined);
          return;
        }
        case 'DELETE':
          await readBody(req);
          objects.delete(key); // S3 answers 204 whether or not the key existed
          res.writeHead(204, { 'x-amz-request-id': randomBytes(8).toString('hex') }).end();
          return;
        default:
          throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
    } catch (err) {
      const e = err instanceof S3Error ? err : new S3Error(500, 'InternalError', err instanceof Error ? err.message : String(err));
      if (!req.readableEnded) req.resume();
      const requestId = randomBytes(8).toString('hex');
      const extra = Object.entries(e.extra)
        .map(([k, v]) => `<${k}>${xmlEscape(v)}</${k}>`)
        .join('');
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${xmlEscape(e.message)}</Message>${extra}<Resource>${xmlEscape(resource)}</Resource><RequestId>${requestId}</RequestId></Error>`;
      // HEAD responses have no body; S3 then tells the error by the status alone
      res.writeHead(e.status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId, ...(req.method === 'HEAD' ? {} : { 'content-length': Buffer.byteLength(xml) }) });
      res.end(req.method === 'HEAD' ? undefined : xml);
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    buckets,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
