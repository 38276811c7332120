#!/usr/bin/env node
// browser-upload.js: opens one page in headless Debian Chromium through
// playwright-core, waits until the page sets window.__result, and prints
// it as JSON on stdout. Used by functions/post-policy's TestBrowserUpload;
// the page does the work (functions/post-policy/testdata/upload.html).
//
// Usage: node browser-upload.js <page URL>
// Env: CHROMIUM overrides the browser path (default /usr/bin/chromium).
'use strict';

const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

async function main() {
  const url = process.argv[2];
  if (!url || !/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) {
    throw new Error('usage: browser-upload.js http://127.0.0.1:<port>/...');
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ARGS,
    timeout: 30000,
  });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => process.stderr.write(`page console: ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e}\n`));
    await page.goto(url, { timeout: 30000 });
    await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30000 });
    process.stdout.write(JSON.stringify(await page.evaluate(() => window.__result)) + '\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`browser-upload.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
