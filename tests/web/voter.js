// The voter's pages in a real browser: Debian's Chromium, driven by playwright-core. A fresh
// election (a chair, Ada, Ben and Cy; three members) is made with the scrutineer command, and
// `scrutineer serve` started on a free loopback port. Then, at 360 px wide:
//   - with JavaScript: Ann enters her code, numbers Ben 1 and Ada 2, reviews (Ben, then Ada),
//     casts, and sees a tracking code, which the check page finds in the ballot box; her code
//     is refused a second time;
//   - without JavaScript: Bo does the same, numbering Cy 1.
// A screenshot of each page is saved in DIR/screenshots.
//
// Usage: node tests/web/voter.js SCRUTINEER DIR  (NODE_PATH: where playwright-core is)

'use strict';
const assert = require('node:assert/strict');
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const [scrutineer, outDir] = process.argv.slice(2).map((arg) => path.resolve(arg));
const work = path.join(outDir, 'voter-run');
const shots = path.join(outDir, 'screenshots');

function isoTime(seconds) {
  return new Date(seconds * 1000).toISOString().replace('.000Z', '+00:00');
}

// The election, its register and its codes, made with the command line; the codes by number.
function prepareElection() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.mkdirSync(shots, { recursive: true });
  const now = Math.floor(Date.now() / 1000);
  fs.writeFileSync(path.join(work, 'election.toml'), [
    'id = "club"', 'title = "Club chair"', '[timetable]', 'time_zone = "UTC"',
    `nominations_open = ${isoTime(now - 300)}`, `nominations_close = ${isoTime(now - 200)}`,
    `ballot_open = ${isoTime(now - 100)}`, `ballot_close = ${isoTime(now + 3600)}`,
    '[[sections]]', 'id = "members"', '[[contests]]', 'id = "chair"', 'title = "Chair"',
    'method = "irv"', 'candidates = ["Ada", "Ben", "Cy"]', ''].join('\n'));
  fs.writeFileSync(path.join(work, 'register.csv'),
    'number,name,section,joined,email\n1,Ann,members,2015-01-01,ann@example.org\n' +
    '2,Bo,members,2015-01-01,bo@example.org\n3,Cat,members,2015-01-01,cat@example.org\n');
  const store = ['--store', path.join(work, 'club.db')];
  const run = (...args) => execFileSync(scrutineer, [...args, ...store], { cwd: work, stdio: 'pipe' });
  run('election', 'create', 'election.toml');
  run('register', 'import', 'club', 'register.csv');
  run('election', 'advance', 'club', '--to', 'nominations');
  run('election', 'advance', 'club', '--to', 'ballot_open');
  const csv = run('credentials', 'issue', 'club').toString().trim().split('\n').slice(1);
  return Object.fromEntries(csv.map((line) => [line.split(',')[0], line.split(',')[6]]));
}

// Starts `scrutineer serve` on a free port; resolves to the server and its address.
function startServer() {
  const server = spawn(scrutineer, ['serve', '--store', path.join(work, 'club.db'),
    '--listen', '127.0.0.1:0', '--keys', work], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let said = '';
    server.stderr.on('data', (chunk) => {
      said += chunk;
      const found = said.match(/serving on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) resolve({ server, url: found[1] });
    });
    server.on('exit', (code) => reject(new Error(`serve ended (${code}): ${said}`)));
  });
}

async function shoot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// The page fits 360 px: nothing to scroll sideways.
async function fitsThePhone(page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
}

// A voter casts a ballot through the pages; returns the tracking code shown.
async function castThroughThePages(page, url, code, numbers, prefix) {
  await page.goto(url + '/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await shoot(page, `${prefix}1-start`);
  await page.getByLabel('Voting code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your ballot paper' }).waitFor();
  await fitsThePhone(page);
  for (const [name, number] of Object.entries(numbers)) {
    await page.getByLabel(`Your preference for ${name}`).fill(String(number));
  }
  await shoot(page, `${prefix}2-ballot`);
  await page.getByRole('button', { name: 'Review my ballot' }).click();
  await page.getByRole('heading', { level: 1, name: 'Check your ballot' }).waitFor();
  const ranked = Object.entries(numbers).sort((a, b) => a[1] - b[1]).map(([name]) => name);
  assert.deepEqual(await page.locator('main ol li').allTextContents(), ranked);
  await shoot(page, `${prefix}3-review`);
  await page.getByRole('button', { name: 'Cast my ballot' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your ballot is cast' }).waitFor();
  const tracking = (await page.locator('#tracking-code').textContent()).trim();
  assert.match(tracking, /^[0-9a-f]{4}(-[0-9a-f]{4}){3}$/);
  await fitsThePhone(page);
  await shoot(page, `${prefix}4-cast`);
  return tracking;
}

async function checkTrackingCode(page, url, tracking, prefix) {
  await page.goto(url + '/check');
  await page.getByLabel('Tracking code').fill(tracking);
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByText(`A ballot with tracking code ${tracking} is in the ballot box of Club chair.`).waitFor();
  await shoot(page, `${prefix}5-check`);
}

async function refusedTheSecondTime(page, url, code, prefix) {
  await page.goto(url + '/');
  await page.getByLabel('Voting code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('This voting code has been used: its ballot is already cast.').waitFor();
  await shoot(page, `${prefix}6-refused`);
}

async function voter(browser, url, javaScriptEnabled, code, numbers, prefix) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const complaints = [];
  // (A refused code's page comes with 409, which the console reports too: not a complaint.)
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      complaints.push(message.text());
    }
  });
  page.on('pageerror', (error) => complaints.push(String(error)));
  page.on('response', (response) => {
    if (response.status() === 404) complaints.push(`not found: ${response.url()}`);
  });
  const tracking = await castThroughThePages(page, url, code, numbers, prefix);
  await checkTrackingCode(page, url, tracking, prefix);
  await refusedTheSecondTime(page, url, code, prefix);
  assert.deepEqual(complaints, [], 'the browser reported errors (a Content-Security-Policy refusal?)');
  await context.close();
  return tracking;
}

async function main() {
  const codes = prepareElection();
  const { server, url } = await startServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const ann = await voter(browser, url, true, codes['1'], { Ben: 1, Ada: 2 }, 'js-');
    const bo = await voter(browser, url, false, codes['2'], { Cy: 1 }, 'nojs-');
    for (const tracking of [ann, bo]) {
      const answer = await (await fetch(`${url}/api/v1/ballot-box/${tracking}`)).json();
      assert.equal(answer.in_ballot_box, true);
    }
    console.log(`two ballots cast through the pages; screenshots in ${shots}`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
