#!/usr/bin/env node
// ossemu-client.js: uploads objects to a local OSS emulator with ali-oss
// (V4 signing) over real HTTP and prints what happened, so ossflow's Go
// tests can run one table of cases through the official Go SDK, ali-oss
// and a browser-style form (localstack/ossemu/three_clients_test.go).
//
// Input on stdin: {"cases":[{endpoint, region, bucket, accessKeyId,
// accessKeySecret, stsToken, key, body, presign, expires, readBack}]};
// endpoint must be http://127.0.0.1:<port>. A case with presign=false calls
// client.put (Authorization header); presign=true signs a PUT URL with
// signatureUrlV4 (valid `expires` seconds) and sends the body with fetch.
// readBack then fetches the object the same way (client.get, or a
// signatureUrlV4 GET) and returns its text as `got`.
// Output: a JSON array, one {ok, status, code, got} per case, in order.
'use strict';

const OSS = require('ali-oss');

function client(c) {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(c.endpoint)) {
    throw new Error(`endpoint must be http://127.0.0.1:<port>, got ${c.endpoint}`);
  }
  return new OSS({
    endpoint: c.endpoint,
    region: c.region,
    bucket: c.bucket,
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    stsToken: c.stsToken || undefined,
    authorizationV4: true,
    // Path style (http://127.0.0.1:port/<bucket>/<key>): loopback has no
    // wildcard DNS for virtual-host bucket names.
    sldEnable: true,
    secure: false,
    timeout: 10000,
  });
}

const CONTENT_TYPE = 'application/octet-stream';

async function putSigned(c) {
  try {
    const res = await client(c).put(c.key, Buffer.from(c.body, 'utf8'), {
      headers: { 'Content-Type': CONTENT_TYPE },
    });
    return { ok: true, status: res.res.status, code: '' };
  } catch (err) {
    if (typeof err.status !== 'number' || err.status < 400) throw err;
    return { ok: false, status: err.status, code: err.code || '' };
  }
}

async function putPresigned(c) {
  const url = await client(c).signatureUrlV4('PUT', c.expires, {
    headers: { 'Content-Type': CONTENT_TYPE },
  }, c.key);
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': CONTENT_TYPE },
    body: Buffer.from(c.body, 'utf8'),
  });
  const text = await res.text();
  const m = /<Code>([^<]*)<\/Code>/.exec(text);
  return { ok: res.ok, status: res.status, code: res.ok ? '' : (m ? m[1] : '') };
}

async function getSigned(c) {
  const res = await client(c).get(c.key);
  return res.content.toString('utf8');
}

async function getPresigned(c) {
  const url = await client(c).signatureUrlV4('GET', c.expires, {}, c.key);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`presigned GET answered ${res.status}`);
  return res.text();
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const { cases } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const out = [];
  for (const c of cases) {
    const r = c.presign ? await putPresigned(c) : await putSigned(c);
    if (r.ok && c.readBack) r.got = c.presign ? await getPresigned(c) : await getSigned(c);
    out.push(r);
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(`ossemu-client.js: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
