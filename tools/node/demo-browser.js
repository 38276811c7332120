#!/usr/bin/env node
// demo-browser.js: drives the local cloud's demo page in headless Debian
// Chromium through playwright-core, as a person would: pick a demo user,
// sign in, choose files, press Upload, and wait until each upload card
// settles (done, refused or failed). Prints one JSON object on stdout:
//   {"uploads":[{"name","state","message","variants":[{"style","width","height","caption"}]}]}
// Used by localstack/cloud's browser tests.
//
// Usage: node demo-browser.js <demo page URL> <user> <mode post|sts> <screenshot.png|-> <file>...
// Env: CHROMIUM overrides the browser path (default /usr/bin/chromium).
'use strict';

const { chromium } = require('playwright-core');

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

async function main() {
  const [url, user, mode, shot, ...files] = process.argv.slice(2);
  if (!url || !/^http:\/\/127\.0\.0\.1:\d+\//.test(url) || !user || !mode || !shot || files.length === 0) {
    throw new Error('usage: demo-browser.js http://127.0.0.1:<port>/demo/ <user> <post|sts> <png|-> <file>...');
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ARGS,
    timeout: 30000,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    page.on('console', (m) => process.stderr.write(`page console: ${m.text()}\n`));
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e}\n`));
    await page.goto(url, { timeout: 30000 });
    await page.waitForSelector(`#user option[value="${user}"]`, { state: 'attached', timeout: 15000 });
    await page.selectOption('#user', user);
    await page.click('#signin');
    await page.check(`input[name=mode][value=${mode}]`);
    await page.setInputFiles('#files', files);
    await page.click('#upload');
    await page.waitForFunction((n) => {
      const cards = document.querySelectorAll('.upload');
      return cards.length === n && [...cards].every((c) => ['done', 'refused', 'failed'].includes(c.dataset.state));
    }, files.length, { timeout: 90000, polling: 100 });
    const uploads = await page.$$eval('.upload', (cards) => cards.map((c) => ({
      name: c.querySelector('.name').textContent,
      state: c.dataset.state,
      message: c.querySelector('.message').textContent,
      variants: [...c.querySelectorAll('.variant:not(.pending)')].map((v) => ({
        style: v.dataset.style,
        width: v.querySelector('img').naturalWidth,
        height: v.querySelector('img').naturalHeight,
        caption: v.querySelector('figcaption').textContent,
      })),
    })));
    if (shot !== '-') await page.screenshot({ path: shot, fullPage: true });
    process.stdout.write(JSON.stringify({ uploads }) + '\n');
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  process.stderr.write(`demo-browser.js: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
