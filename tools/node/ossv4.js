#!/usr/bin/env node
// ossv4.js: prints ali-oss's OSS V4 signatures for the cases given on stdin,
// so ossflow's Go tests can compare their own signer with an independent
// implementation. Input: {"cases":[...]} (see pkg/osskit/signer/alioss_test.go);
// output: a JSON array with one result per case, in order.
//
// Only pure signing functions are called, and every socket connect is made
// to throw first, so the script cannot touch the network.
'use strict';

const net = require('net');
net.Socket.prototype.connect = function connect() {
  throw new Error('ossv4.js must not open network connections');
};

const OSS = require('ali-oss');
const signUtils = require('ali-oss/lib/common/signUtils');

const RealDate = Date;

// withNow runs fn while `new Date()` and Date.now() return ms, because
// signatureUrlV4 reads the clock itself and the test pins time.
async function withNow(ms, fn) {
  class FixedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(ms);
      else super(...args);
    }
    static now() {
      return ms;
    }
  }
  global.Date = FixedDate;
  try {
    return await fn();
  } finally {
    global.Date = RealDate;
  }
}

function client(c) {
  return new OSS({
    region: c.region,
    bucket: c.bucket,
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    stsToken: c.stsToken || undefined,
    authorizationV4: true,
  });
}

async function run(c) {
  switch (c.kind) {
    case 'post': {
      const sig = client(c).signPostObjectPolicyV4(c.policy, new RealDate(c.nowMs));
      const policy = Buffer.from(JSON.stringify(JSON.parse(c.policy)), 'utf8').toString('base64');
      return { policy, signature: sig };
    }
    case 'url': {
      const url = await withNow(c.nowMs, () =>
        client(c).signatureUrlV4(c.method, c.expires, { headers: c.headers || {}, queries: c.queries || {} }, c.object, c.additionalHeaders)
      );
      return { url };
    }
    case 'header': {
      const region = c.region.replace(/^oss-/, '');
      const authorization = signUtils.authorizationV4(
        c.accessKeyId, c.accessKeySecret, region, c.method,
        { headers: c.headers || {}, queries: c.queries || {} },
        c.bucket, c.object, c.additionalHeaders
      );
      return { authorization };
    }
    default:
      throw new Error(`unknown case kind ${JSON.stringify(c.kind)}`);
  }
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const { cases } = JSON.parse(input);
  const out = [];
  for (const c of cases) out.push(await run(c));
  process.stdout.write(JSON.stringify(out));
}

main().catch(err => {
  process.stderr.write(`ossv4.js: ${err.stack || err}\n`);
  process.exit(1);
});
