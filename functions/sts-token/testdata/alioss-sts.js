#!/usr/bin/env node
// alioss-sts.js: what a browser or Node app does with sts-token. It asks the
// function for credentials (POST with the caller's bearer token), builds an
// ali-oss client from the response exactly as documented in
// functions/sts-token/httpapi, and tries each case. Input on stdin:
// {"function": url, "token": jwt, "v4": bool, "pathStyle": bool, "cases": [{"name","op","key","bucket"?,"size"?}]};
// output: a JSON array of {"name","ok","code","status"} in order.
//
// Only loopback addresses are reachable from the Go test that runs this.
'use strict';

const OSS = require('ali-oss');

async function main() {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const res = await fetch(input.function, { method: 'POST', headers: { Authorization: 'Bearer ' + input.token } });
  if (res.status !== 200) throw new Error('sts-token answered ' + res.status);
  const creds = await res.json();
  const client = (bucket) =>
    new OSS({
      endpoint: creds.Endpoint,
      bucket: bucket || creds.Bucket,
      region: 'oss-' + creds.Region,
      accessKeyId: creds.AccessKeyId,
      accessKeySecret: creds.AccessKeySecret,
      stsToken: creds.SecurityToken,
      authorizationV4: !!input.v4,
      // The local cloud answers on 127.0.0.1, so buckets go in the path
      // (ali-oss's "second-level domain" mode); real OSS needs neither.
      sldEnable: !!input.pathStyle,
      retryMax: 0,
      timeout: 10000,
    });
  const out = [];
  for (const c of input.cases) {
    const key = c.key.replace('${prefix}', creds.Prefix);
    try {
      const oss = client(c.bucket);
      const body = Buffer.alloc(c.size || 16, 'x');
      if (c.op === 'put') await oss.put(key, body);
      else if (c.op === 'multipart') await oss.multipartUpload(key, body, { partSize: 100 * 1024 });
      else if (c.op === 'delete') await oss.delete(key);
      else if (c.op === 'get') await oss.get(key);
      else throw new Error('unknown op ' + c.op);
      out.push({ name: c.name, ok: true, code: '', status: 200 });
    } catch (e) {
      out.push({ name: c.name, ok: false, code: e.code || e.name || String(e), status: e.status || 0 });
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + '\n');
  process.exit(1);
});
